// Vocabulary the grant screens share: the expense categories (科目) and income kinds in the forms'
// order, and a file read as bytes for the backend.
import type { ExpenseCategory, IncomeKind } from '../backend/bindings';

export const CATEGORIES: ExpenseCategory[] = [
  'honorarium', 'travel', 'supplies', 'fuel', 'food', 'printing', 'postage', 'insurance', 'commission', 'rental', 'equipment', 'other',
];

export const INCOME_KINDS: IncomeKind[] = ['grant', 'dues', 'project_income', 'donations', 'carried_over', 'other'];
