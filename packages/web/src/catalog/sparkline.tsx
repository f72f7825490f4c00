/** A tiny bar chart of a histogram or of top-value counts; decorative, the numbers are in the profile view. */
export function Sparkline(props: { counts: number[]; width?: number; height?: number }) {
  const width = props.width ?? 64;
  const height = props.height ?? 18;
  const max = Math.max(...props.counts, 1);
  if (props.counts.length === 0) return null;
  const barWidth = width / props.counts.length;
  return (
    <svg width={width} height={height} aria-hidden="true" focusable="false" style={{ display: 'block' }}>
      {props.counts.map((count, index) => {
        const barHeight = Math.max((count / max) * height, count > 0 ? 1 : 0);
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional
            key={index}
            x={index * barWidth + 0.5}
            y={height - barHeight}
            width={Math.max(barWidth - 1, 1)}
            height={barHeight}
            fill="var(--mantine-primary-color-filled)"
            opacity={0.8}
          />
        );
      })}
    </svg>
  );
}

export function profileCounts(column: {
  histogram: { count: number }[];
  topValues: { count: number }[];
}): number[] {
  return column.histogram.length > 0
    ? column.histogram.map((bin) => bin.count)
    : column.topValues.map((value) => value.count);
}
