/* Short words that read better in capitals on an axis. */
const acronyms = new Set([
  'id',
  'url',
  'ip',
  'kpi',
  'usd',
  'eur',
  'gbp',
  'sku',
  'gdp',
  'ceo',
  'api',
  'uk',
  'us',
  'eu',
]);

/**
 * A column name in words, as a person would title an axis: `order_date` → "Order date",
 * `totalRevenue` → "Total revenue", `customer_id` → "Customer ID".
 */
export function humanizeName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
  if (words.length === 0) return name;
  return words
    .map((word, position) => {
      if (acronyms.has(word)) return word.toUpperCase();
      return position === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    })
    .join(' ');
}
