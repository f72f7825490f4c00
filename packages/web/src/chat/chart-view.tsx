import { Alert, Loader, useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { chartSpecFor } from './chart-theme';

/**
 * Renders a Vega-Lite spec with vega-embed, loaded on first use so the first screen stays small.
 * `ast: true` interprets expressions instead of compiling them, so a strict CSP (no eval) is fine.
 */
export function ChartView(props: { spec: Record<string, unknown>; altText: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [failure, setFailure] = useState('');
  const scheme = useComputedColorScheme('light');

  useEffect(() => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    setState('loading');
    void import('vega-embed')
      .then(async ({ default: embed }) => {
        if (cancelled || !container.current) return;
        const result = await embed(container.current, chartSpecFor(props.spec, scheme) as never, {
          ast: true,
          renderer: 'svg',
          actions: { export: true, source: false, compiled: false, editor: false },
          tooltip: true,
        });
        finalize = result.finalize;
        // vega-embed's actions menu is an icon-only <summary>; give it a name for screen readers.
        container.current.querySelector('summary')?.setAttribute('aria-label', 'Chart actions');
        if (cancelled) result.finalize();
        else setState('ready');
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setFailure(error instanceof Error ? error.message : String(error));
        setState('failed');
      });
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [props.spec, scheme]);

  return (
    <figure style={{ margin: 0 }} aria-label={props.altText}>
      {state === 'loading' && <Loader size="sm" role="status" aria-label="Drawing the chart" />}
      {state === 'failed' && (
        <Alert color="yellow" title="The chart could not be drawn">
          {failure}
        </Alert>
      )}
      <div ref={container} className="chart-frame" data-testid="chart" data-state={state} />
      <figcaption className="visually-hidden">{props.altText}</figcaption>
    </figure>
  );
}
