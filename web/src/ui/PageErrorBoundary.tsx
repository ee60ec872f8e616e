import { Component } from 'react';
import { RotateCcw, TriangleExclamationPoint } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/ui/Button';

interface Props {
  /** The page's address: a new page starts without the previous page's failure. */
  page: string;
  children: ReactNode;
}

interface State {
  /** The page the failure belongs to. */
  page: string;
  failure: string | null;
}

/**
 * Keeps a page that fails while drawing (an object whose fields have a shape the page did
 * not expect, say) from blanking the whole app: the header and every other page keep
 * working, and this page says what went wrong and offers to try again.
 */
export class PageErrorBoundary extends Component<Props, State> {
  constructor(props: Props) {
    super(props);
    this.state = { page: props.page, failure: null };
  }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { failure: error instanceof Error ? error.message : String(error) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // Moving to another page leaves the failure behind.
    return props.page === state.page ? null : { page: props.page, failure: null };
  }

  override render(): ReactNode {
    const { failure } = this.state;
    if (failure === null) return this.props.children;
    return (
      <section className="page-failure" role="alert" aria-label="This page failed">
        <h1 className="page-failure-title">
          <TriangleExclamationPoint aria-hidden="true" />
          This page could not be shown
        </h1>
        <p>{failure}</p>
        <p>
          <Button
            icon={RotateCcw}
            onClick={() => {
              this.setState({ failure: null });
            }}
          >
            Try again
          </Button>
        </p>
      </section>
    );
  }
}
