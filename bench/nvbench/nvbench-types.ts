import type { ChartChoice } from '../../packages/answer/src/index';

export type NvBenchChart =
  | 'bar'
  | 'pie'
  | 'line'
  | 'scatter'
  | 'stacked bar'
  | 'grouping line'
  | 'grouping scatter';

export interface NvBenchRecord {
  id: string;
  db: string;
  questions: string[];
  chart: NvBenchChart;
}

/** Our chart types in nvBench's vocabulary (a chart nvBench has no name for counts as wrong). */
export function toNvBench(choice: ChartChoice): NvBenchChart | 'other' {
  switch (choice.type) {
    case 'bar':
    case 'histogram':
      return 'bar';
    case 'stacked_bar':
    case 'grouped_bar':
    case 'heatmap':
      return 'stacked bar';
    case 'line':
    case 'area':
      return 'line';
    case 'multi_line':
      return 'grouping line';
    case 'scatter':
      return choice.encoding.color ? 'grouping scatter' : 'scatter';
    case 'pie':
    case 'donut':
      return 'pie';
    default:
      return 'other';
  }
}
