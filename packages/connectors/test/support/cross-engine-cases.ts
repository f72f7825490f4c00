/**
 * Spec cases run on every engine by the cross-engine suites. Every case is compared across engines; cases
 * with `oracle` are also checked against values computed in plain TypeScript from the dataset.
 */
import { aggregationCases } from './aggregation-cases';
import type { CrossEngineCase } from './case-helpers';
import { filterCases } from './filter-cases';
import { joinCases } from './join-cases';
import { resultCases } from './result-cases';

export type { CrossEngineCase } from './case-helpers';
export { asOf, testYaml } from './case-helpers';

export const crossEngineCases: CrossEngineCase[] = [
  ...aggregationCases,
  ...joinCases,
  ...filterCases,
  ...resultCases,
];
