// Sets the theme and table density before the first paint, so a dark page never flashes
// white. A plain script from this origin (the Content-Security-Policy allows no inline
// script); src/ui/theme.ts takes over once the app loads and validates the stored value.
(function () {
  var theme = 'system';
  var density = 'comfortable';
  try {
    var stored = JSON.parse(window.localStorage.getItem('lanthorn.settings') || 'null');
    if (stored && stored.version === 1 && stored.settings) {
      if (stored.settings.theme === 'light' || stored.settings.theme === 'dark') {
        theme = stored.settings.theme;
      }
      if (stored.settings.density === 'compact') density = 'compact';
    }
  } catch (e) {
    // Unreadable: the defaults.
  }
  if (theme === 'system') {
    theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-theme', theme);
  document.documentElement.setAttribute('data-density', density);
})();
