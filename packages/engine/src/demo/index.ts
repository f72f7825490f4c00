export { budgetWorkbook } from './budget-workbook';
export {
  type DemoData,
  type DemoFileKey,
  demoDataDir,
  demoFileNames,
  ensureDemoData,
} from './ensure-demo-data';
export {
  type DemoCustomer,
  type DemoOrder,
  type DemoOrderLine,
  type DemoProduct,
  demoDefaultSeed,
  demoFirstDay,
  demoLastDay,
  demoSpikeDay,
  generateRetailDemo,
  type RetailDemo,
  retailCsvFiles,
} from './generate-retail';
