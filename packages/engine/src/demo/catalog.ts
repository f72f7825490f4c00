/**
 * Fixed vocabularies for the retail demo: people's names, geography and the product catalogue.
 * Changing any list changes the generated data, which later golden suites depend on: append, don't edit.
 */
export type Region = 'EMEA' | 'Americas' | 'APAC';
export type Segment = 'Consumer' | 'Corporate' | 'Home Office';

export const segments: readonly Segment[] = ['Consumer', 'Corporate', 'Home Office'];
export const segmentWeights: readonly number[] = [0.5, 0.3, 0.2];

export const regions: readonly Region[] = ['EMEA', 'Americas', 'APAC'];
export const regionWeights: readonly number[] = [0.35, 0.45, 0.2];

export interface CountrySpec {
  country: string;
  cities: readonly string[];
}

export const countriesByRegion: Record<Region, readonly CountrySpec[]> = {
  EMEA: [
    { country: 'Germany', cities: ['Berlin', 'Munich', 'Hamburg', 'Cologne'] },
    { country: 'France', cities: ['Paris', 'Lyon', 'Marseille'] },
    { country: 'United Kingdom', cities: ['London', 'Manchester', 'Edinburgh'] },
    { country: 'Spain', cities: ['Madrid', 'Barcelona', 'Valencia'] },
    { country: 'Netherlands', cities: ['Amsterdam', 'Rotterdam'] },
    { country: 'South Africa', cities: ['Johannesburg', 'Cape Town'] },
  ],
  Americas: [
    {
      country: 'United States',
      cities: ['New York', 'Chicago', 'Seattle', 'Austin', 'Los Angeles', 'Boston'],
    },
    { country: 'Canada', cities: ['Toronto', 'Vancouver', 'Montreal'] },
    { country: 'Brazil', cities: ['São Paulo', 'Rio de Janeiro'] },
    { country: 'Mexico', cities: ['Mexico City', 'Guadalajara'] },
  ],
  APAC: [
    { country: 'Japan', cities: ['Tokyo', 'Osaka'] },
    { country: 'Australia', cities: ['Sydney', 'Melbourne', 'Brisbane'] },
    { country: 'India', cities: ['Mumbai', 'Bangalore', 'Delhi'] },
    { country: 'Singapore', cities: ['Singapore'] },
  ],
};

export const firstNames: readonly string[] = [
  'Anna',
  'Ben',
  'Carla',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Isabel',
  'Jonas',
  'Kavya',
  'Liam',
  'Maria',
  'Noah',
  'Olivia',
  'Pedro',
  'Quinn',
  'Rosa',
  'Samir',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Yuki',
  'Zoe',
  'Amelie',
  'Bruno',
  'Chloe',
  'Diego',
  'Emma',
  'Felix',
  'Hannah',
  'Ivan',
  'Julia',
  'Lena',
  'Mateo',
];

export const lastNames: readonly string[] = [
  'Schmidt',
  'Martin',
  'Smith',
  'Garcia',
  'Müller',
  'Dubois',
  'Johnson',
  'Tanaka',
  'Rossi',
  'Silva',
  'Patel',
  'Kim',
  'Nguyen',
  'Brown',
  'Lopez',
  'Wilson',
  'Khan',
  'Novak',
  'Jensen',
  "O'Brien",
  'Weber',
  'Moreau',
  'Sato',
  'Singh',
  'Costa',
  'Clarke',
  'Fischer',
  'Hernandez',
  'Ito',
  'Becker',
];

export const emailDomains: readonly string[] = ['example.com', 'mail.example.org', 'corp.example.net'];

export interface SubcategorySpec {
  category: 'Furniture' | 'Office Supplies' | 'Technology';
  subcategory: string;
  nouns: readonly string[];
  minPrice: number;
  maxPrice: number;
  /** Relative share of products in this subcategory. */
  weight: number;
}

export const subcategories: readonly SubcategorySpec[] = [
  {
    category: 'Furniture',
    subcategory: 'Chairs',
    nouns: ['Chair', 'Stool', 'Armchair'],
    minPrice: 60,
    maxPrice: 600,
    weight: 3,
  },
  {
    category: 'Furniture',
    subcategory: 'Tables',
    nouns: ['Desk', 'Table', 'Workstation'],
    minPrice: 120,
    maxPrice: 1400,
    weight: 2,
  },
  {
    category: 'Furniture',
    subcategory: 'Bookcases',
    nouns: ['Bookcase', 'Shelf'],
    minPrice: 80,
    maxPrice: 700,
    weight: 2,
  },
  {
    category: 'Furniture',
    subcategory: 'Furnishings',
    nouns: ['Lamp', 'Clock', 'Frame', 'Rug'],
    minPrice: 8,
    maxPrice: 150,
    weight: 3,
  },
  {
    category: 'Office Supplies',
    subcategory: 'Paper',
    nouns: ['Copy Paper', 'Notebook', 'Notepad'],
    minPrice: 3,
    maxPrice: 40,
    weight: 4,
  },
  {
    category: 'Office Supplies',
    subcategory: 'Binders',
    nouns: ['Binder', 'Folder'],
    minPrice: 2,
    maxPrice: 35,
    weight: 3,
  },
  {
    category: 'Office Supplies',
    subcategory: 'Storage',
    nouns: ['Box', 'Cabinet', 'Drawer'],
    minPrice: 10,
    maxPrice: 300,
    weight: 3,
  },
  {
    category: 'Office Supplies',
    subcategory: 'Art',
    nouns: ['Pen Set', 'Marker', 'Pencil'],
    minPrice: 2,
    maxPrice: 30,
    weight: 3,
  },
  {
    category: 'Office Supplies',
    subcategory: 'Labels',
    nouns: ['Labels', 'Tags'],
    minPrice: 2,
    maxPrice: 20,
    weight: 2,
  },
  {
    category: 'Technology',
    subcategory: 'Phones',
    nouns: ['Phone', 'Headset', 'Conference Phone'],
    minPrice: 40,
    maxPrice: 900,
    weight: 3,
  },
  {
    category: 'Technology',
    subcategory: 'Accessories',
    nouns: ['Keyboard', 'Mouse', 'Webcam', 'Charger'],
    minPrice: 10,
    maxPrice: 200,
    weight: 4,
  },
  {
    category: 'Technology',
    subcategory: 'Machines',
    nouns: ['Printer', 'Scanner', 'Shredder'],
    minPrice: 100,
    maxPrice: 2500,
    weight: 2,
  },
  {
    category: 'Technology',
    subcategory: 'Copiers',
    nouns: ['Copier', 'Multifunction Copier'],
    minPrice: 400,
    maxPrice: 3500,
    weight: 1,
  },
];

export const productAdjectives: readonly string[] = [
  'Classic',
  'Ergo',
  'Pro',
  'Compact',
  'Deluxe',
  'Eco',
  'Smart',
  'Premium',
  'Basic',
  'Ultra',
];

export const orderChannels: readonly string[] = ['Online', 'Store', 'Phone', 'Partner'];
export const orderChannelWeights: readonly number[] = [0.55, 0.25, 0.1, 0.1];
