import { X } from 'lucide-react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { addToast, autoHideMs, dismissToast, emptyToasts } from '@/ui/toastQueue';
import type { Toast, ToastTone } from '@/ui/toastQueue';
import { IconButton } from '@/ui/Button';
import '@/ui/toasts.css';

/** Shows a toast: the outcome of something the user started and may have looked away from. */
export type ShowToast = (tone: ToastTone, message: string) => void;

// Without a provider (a component drawn alone in a test) a toast goes nowhere.
const ToastContext = createContext<ShowToast>(() => undefined);

export function useToast(): ShowToast {
  return useContext(ToastContext);
}

/** One toast: its message, a close button, and a timer paused while pointed at or focused. */
function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const hideAfter = autoHideMs(toast.tone);
  // What is left of the toast's time, kept across pauses.
  const remaining = useRef(hideAfter ?? 0);

  useEffect(() => {
    if (hideAfter === undefined || paused) return undefined;
    const started = Date.now();
    const timer = setTimeout(() => {
      onDismiss(toast.id);
    }, remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1000, remaining.current - (Date.now() - started));
    };
  }, [hideAfter, paused, onDismiss, toast.id]);

  return (
    <li
      className={`toast toast-${toast.tone}`}
      onMouseEnter={() => {
        setPaused(true);
      }}
      onMouseLeave={() => {
        setPaused(false);
      }}
      onFocus={() => {
        setPaused(true);
      }}
      onBlur={() => {
        setPaused(false);
      }}
    >
      <div role={toast.tone === 'error' ? 'alert' : 'status'} className="toast-message">
        {toast.message}
      </div>
      <IconButton
        icon={X}
        size="sm"
        className="toast-close"
        label="Dismiss notification"
        onClick={() => {
          onDismiss(toast.id);
        }}
      />
    </li>
  );
}

/** The one place toasts are shown, bottom right, for every page (Helm, drain, bulk delete). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState(emptyToasts);
  const show = useCallback<ShowToast>((tone, message) => {
    setState((before) => addToast(before, tone, message));
  }, []);
  const dismiss = useCallback((id: number) => {
    setState((before) => dismissToast(before, id));
  }, []);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <ol className="toasts" aria-label="Messages">
        {state.toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </ol>
    </ToastContext.Provider>
  );
}
