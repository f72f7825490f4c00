import { dayNumber, isoDate, monthOf, weekdayOf } from './calendar';
import {
  countriesByRegion,
  emailDomains,
  firstNames,
  lastNames,
  orderChannels,
  orderChannelWeights,
  productAdjectives,
  type Region,
  regions,
  regionWeights,
  type Segment,
  segments,
  segmentWeights,
  subcategories,
} from './catalog';
import { csvText } from './csv-text';
import { Random } from './random';

/**
 * The retail demo data set (see README.md in this folder for the data model and the planted
 * anomalies). Pure and deterministic: the same seed gives byte-identical CSV text.
 */
export const demoDefaultSeed = 20_230_101;
export const demoFirstDay = '2023-01-01';
export const demoLastDay = '2025-12-31';
export const demoSpikeDay = '2024-11-29';

export interface DemoCustomer {
  id: number;
  name: string;
  email: string | null;
  segment: Segment;
  region: Region;
  country: string;
  city: string;
  signupDay: number;
}

export interface DemoProduct {
  id: number;
  name: string;
  category: string;
  subcategory: string;
  price: number;
  cost: number;
}

export interface DemoOrder {
  orderId: number;
  customerId: number;
  orderDay: number;
  shipDay: number | null;
  status: 'Delivered' | 'Shipped' | 'Pending' | 'Cancelled' | 'Returned';
  channel: string;
}

export interface DemoOrderLine {
  orderId: number;
  lineNo: number;
  productId: number;
  quantity: number;
  unitPrice: number;
  discount: number;
  revenue: number;
}

export interface RetailDemo {
  customers: DemoCustomer[];
  products: DemoProduct[];
  orders: DemoOrder[];
  orderLines: DemoOrderLine[];
  /** Where the anomalies were planted, so tests and docs can point at them. */
  anomalies: { negativeQuantityOrderId: number; priceOutlierOrderId: number; spikeDay: string };
}

const customerCount = 3000;
const productCount = 200;
const baseOrdersPerDay = 30;
const monthSeasonality = [0.85, 0.85, 0.95, 1, 1, 0.95, 0.9, 0.95, 1, 1.1, 1.35, 1.6];

const round2 = (value: number): number => Math.round(value * 100) / 100;

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function makeCustomers(random: Random): DemoCustomer[] {
  const firstSignup = dayNumber('2021-01-01');
  const lastSignup = dayNumber('2025-09-30');
  const signupDays = Array.from({ length: customerCount }, () => random.int(firstSignup, lastSignup)).sort(
    (a, b) => a - b,
  );
  return signupDays.map((signupDay, index) => {
    const id = index + 1;
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const region = random.weighted(regions, regionWeights);
    const place = random.pick(countriesByRegion[region]);
    const email = random.chance(0.02)
      ? null
      : `${asciiSlug(first)}.${asciiSlug(last)}${id}@${random.pick(emailDomains)}`;
    // Dirty values on purpose: a few unknown countries and cities with trailing spaces.
    const country = random.chance(0.005) ? 'N/A' : place.country;
    const city = random.pick(place.cities) + (random.chance(0.01) ? '  ' : '');
    return {
      id,
      name: `${first} ${last}`,
      email,
      segment: random.weighted(segments, segmentWeights),
      region,
      country,
      city,
      signupDay,
    };
  });
}

function makeProducts(random: Random): DemoProduct[] {
  const weights = subcategories.map((spec) => spec.weight);
  return Array.from({ length: productCount }, (_, index) => {
    const spec = random.weighted(subcategories, weights);
    // Log-uniform prices look like a real catalogue: many cheap items, a few expensive ones.
    const raw = Math.exp(Math.log(spec.minPrice) + random.next() * Math.log(spec.maxPrice / spec.minPrice));
    const price = raw < 20 ? round2(Math.floor(raw) + 0.99) : Math.round(raw) - 0.01;
    const cost = round2(price * (0.55 + random.next() * 0.25));
    const id = index + 1;
    const name = `${random.pick(productAdjectives)} ${random.pick(spec.nouns)} ${String.fromCharCode(65 + (id % 26))}-${100 + id}`;
    return { id, name, category: spec.category, subcategory: spec.subcategory, price, cost };
  });
}

/** Cumulative weights for fast weighted product choice (cheap items sell more often). */
function productSampler(random: Random, products: DemoProduct[]): () => DemoProduct {
  const cumulative: number[] = [];
  let total = 0;
  for (const product of products) {
    total += (0.5 + random.next()) / Math.sqrt(product.price);
    cumulative.push(total);
  }
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return products[low] as DemoProduct;
  };
}

function ordersOnDay(random: Random, day: number, firstDay: number): number {
  const years = (day - firstDay) / 365.25;
  const weekday = weekdayOf(day);
  const lambda =
    baseOrdersPerDay *
    (1 + 0.22 * years) *
    (monthSeasonality[monthOf(day) - 1] ?? 1) *
    (weekday === 0 || weekday === 6 ? 0.8 : 1) *
    (isoDate(day) === demoSpikeDay ? 6 : 1);
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.gaussian()));
}

function orderStatus(random: Random, day: number, lastDay: number): DemoOrder['status'] {
  if (lastDay - day < 3) return random.chance(0.5) ? 'Pending' : 'Shipped';
  if (lastDay - day < 10) return random.chance(0.7) ? 'Shipped' : 'Delivered';
  return random.weighted(['Delivered', 'Cancelled', 'Returned'] as const, [0.92, 0.05, 0.03]);
}

export function generateRetailDemo(seed: number = demoDefaultSeed): RetailDemo {
  const random = new Random(seed);
  const customers = makeCustomers(random);
  const products = makeProducts(random);
  const nextProduct = productSampler(random, products);
  const firstDay = dayNumber(demoFirstDay);
  const lastDay = dayNumber(demoLastDay);
  const orders: DemoOrder[] = [];
  const orderLines: DemoOrderLine[] = [];
  let signedUp = 0;
  let orderId = 100_000;
  for (let day = firstDay; day <= lastDay; day++) {
    while (signedUp < customers.length && (customers[signedUp]?.signupDay ?? Infinity) <= day) signedUp++;
    const count = ordersOnDay(random, day, firstDay);
    for (let n = 0; n < count; n++) {
      orderId++;
      let status = orderStatus(random, day, lastDay);
      let shipDay: number | null =
        status === 'Pending' || status === 'Cancelled' ? null : day + random.int(1, 6);
      // Nothing ships after the last day of the data: such orders are still pending.
      if (shipDay !== null && shipDay > lastDay) {
        status = 'Pending';
        shipDay = null;
      }
      orders.push({
        orderId,
        customerId: random.int(1, signedUp),
        orderDay: day,
        shipDay,
        status,
        channel: random.chance(0.004) ? 'N/A' : random.weighted(orderChannels, orderChannelWeights),
      });
      const lineCount = random.weighted([1, 2, 3, 4, 5], [0.3, 0.3, 0.2, 0.12, 0.08]);
      const used = new Set<number>();
      for (let lineNo = 1; lineNo <= lineCount; lineNo++) {
        let product = nextProduct();
        while (used.has(product.id)) product = nextProduct();
        used.add(product.id);
        const quantity =
          product.price > 500
            ? random.int(1, 2)
            : random.weighted([1, 2, 3, 4, 5, 6, 8, 10], [30, 25, 15, 10, 8, 5, 4, 3]);
        const discount = random.weighted([0, 0.05, 0.1, 0.15, 0.2], [0.55, 0.15, 0.15, 0.1, 0.05]);
        const unitPrice = product.price;
        orderLines.push({
          orderId,
          lineNo,
          productId: product.id,
          quantity,
          unitPrice,
          discount,
          revenue: round2(quantity * unitPrice * (1 - discount)),
        });
      }
    }
  }
  const anomalies = plantLineAnomalies(orders, orderLines);
  return { customers, products, orders, orderLines, anomalies: { ...anomalies, spikeDay: demoSpikeDay } };
}

/** A return booked as a negative quantity, and a unit price typed 100 times too high. */
function plantLineAnomalies(
  orders: DemoOrder[],
  orderLines: DemoOrderLine[],
): { negativeQuantityOrderId: number; priceOutlierOrderId: number } {
  const returned = orders.find(
    (order) => order.status === 'Returned' && order.orderDay >= dayNumber('2024-03-01'),
  );
  const outlier = orders.find(
    (order) => order.status === 'Delivered' && order.orderDay >= dayNumber('2025-06-15'),
  );
  if (!returned || !outlier) throw new Error('demo generator: no order to plant anomalies in');
  for (const line of orderLines) {
    if (line.lineNo !== 1) continue;
    if (line.orderId === returned.orderId) {
      line.quantity = -Math.abs(line.quantity);
      line.revenue = round2(line.quantity * line.unitPrice * (1 - line.discount));
    } else if (line.orderId === outlier.orderId) {
      line.unitPrice = round2(line.unitPrice * 100);
      line.revenue = round2(line.quantity * line.unitPrice * (1 - line.discount));
    }
  }
  return { negativeQuantityOrderId: returned.orderId, priceOutlierOrderId: outlier.orderId };
}

/** Prices in the products file are written the way spreadsheets export them: "$1,299.99". */
function dollars(value: number): string {
  // Hand-formatted rather than toLocaleString so the bytes never depend on the ICU build.
  const [whole = '0', cents = '00'] = value.toFixed(2).split('.');
  return `$${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

export interface RetailCsvFiles {
  customers: string;
  products: string;
  orders: string;
  orderLines: string;
}

export function retailCsvFiles(demo: RetailDemo): RetailCsvFiles {
  return {
    customers: csvText(
      ['id', 'name', 'email', 'segment', 'region', 'country', 'city', 'signup_date'],
      demo.customers.map((c) => [
        c.id,
        c.name,
        c.email,
        c.segment,
        c.region,
        c.country,
        c.city,
        isoDate(c.signupDay),
      ]),
    ),
    products: csvText(
      ['id', 'name', 'category', 'subcategory', 'price', 'cost'],
      demo.products.map((p) => [
        p.id,
        p.name,
        p.category,
        p.subcategory,
        dollars(p.price),
        p.cost.toFixed(2),
      ]),
    ),
    orders: csvText(
      ['order_id', 'customer_id', 'order_date', 'ship_date', 'status', 'channel'],
      demo.orders.map((o) => [
        o.orderId,
        o.customerId,
        isoDate(o.orderDay),
        o.shipDay === null ? null : isoDate(o.shipDay),
        o.status,
        o.channel,
      ]),
    ),
    orderLines: csvText(
      ['order_id', 'line_no', 'product_id', 'quantity', 'unit_price', 'discount', 'revenue'],
      demo.orderLines.map((l) => [
        l.orderId,
        l.lineNo,
        l.productId,
        l.quantity,
        l.unitPrice.toFixed(2),
        l.discount.toFixed(2),
        l.revenue.toFixed(2),
      ]),
    ),
  };
}
