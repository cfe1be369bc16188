//! The budget (収支予算書) of a grant application and its rules, as pure functions over whole yen:
//! the expense categories (科目) and income kinds, the subsidy rate as an exact fraction, the checks a
//! budget must pass before it is applied with (each problem says exactly what to fix), and the
//! comparison of budget and actual spending per category against the program's change threshold.
//!
//! Integer arithmetic only: the grant cap is `floor(rate × eligible expenses)` computed in `i128`, so
//! "2/3 of 100,000 yen" is 66,666 yen and never depends on rounding a float.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::{format_amount, format_yen};
use crate::text::Text;

/// An expense category (科目) as city grant forms list them. Closed: a budget line, an expense and a
/// program's eligible list all use these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExpenseCategory {
    /// 報償費 (honoraria for lecturers, performers).
    Honorarium,
    /// 旅費.
    Travel,
    /// 消耗品費.
    Supplies,
    /// 燃料費.
    Fuel,
    /// 食糧費.
    Food,
    /// 印刷製本費.
    Printing,
    /// 通信運搬費.
    Postage,
    /// 保険料.
    Insurance,
    /// 委託料.
    Commission,
    /// 使用料及び賃借料.
    Rental,
    /// 備品購入費.
    Equipment,
    /// その他.
    Other,
}

impl ExpenseCategory {
    /// Every category, in the order forms print them.
    pub const ALL: [ExpenseCategory; 12] = [
        ExpenseCategory::Honorarium,
        ExpenseCategory::Travel,
        ExpenseCategory::Supplies,
        ExpenseCategory::Fuel,
        ExpenseCategory::Food,
        ExpenseCategory::Printing,
        ExpenseCategory::Postage,
        ExpenseCategory::Insurance,
        ExpenseCategory::Commission,
        ExpenseCategory::Rental,
        ExpenseCategory::Equipment,
        ExpenseCategory::Other,
    ];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ExpenseCategory::Honorarium => "honorarium",
            ExpenseCategory::Travel => "travel",
            ExpenseCategory::Supplies => "supplies",
            ExpenseCategory::Fuel => "fuel",
            ExpenseCategory::Food => "food",
            ExpenseCategory::Printing => "printing",
            ExpenseCategory::Postage => "postage",
            ExpenseCategory::Insurance => "insurance",
            ExpenseCategory::Commission => "commission",
            ExpenseCategory::Rental => "rental",
            ExpenseCategory::Equipment => "equipment",
            ExpenseCategory::Other => "other",
        }
    }

    /// From the stored text (unknown text reads as その他).
    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|c| c.as_str() == s).unwrap_or(ExpenseCategory::Other)
    }

    /// The category as forms print it (消耗品費).
    pub fn label_ja(self) -> &'static str {
        match self {
            ExpenseCategory::Honorarium => "報償費",
            ExpenseCategory::Travel => "旅費",
            ExpenseCategory::Supplies => "消耗品費",
            ExpenseCategory::Fuel => "燃料費",
            ExpenseCategory::Food => "食糧費",
            ExpenseCategory::Printing => "印刷製本費",
            ExpenseCategory::Postage => "通信運搬費",
            ExpenseCategory::Insurance => "保険料",
            ExpenseCategory::Commission => "委託料",
            ExpenseCategory::Rental => "使用料及び賃借料",
            ExpenseCategory::Equipment => "備品購入費",
            ExpenseCategory::Other => "その他",
        }
    }

    /// The category in both languages.
    pub fn label(self) -> Text {
        let en = match self {
            ExpenseCategory::Honorarium => "Honoraria",
            ExpenseCategory::Travel => "Travel",
            ExpenseCategory::Supplies => "Supplies",
            ExpenseCategory::Fuel => "Fuel",
            ExpenseCategory::Food => "Food and drink",
            ExpenseCategory::Printing => "Printing and binding",
            ExpenseCategory::Postage => "Postage and communications",
            ExpenseCategory::Insurance => "Insurance",
            ExpenseCategory::Commission => "Contracted services",
            ExpenseCategory::Rental => "Rentals and usage fees",
            ExpenseCategory::Equipment => "Equipment",
            ExpenseCategory::Other => "Other",
        };
        Text::new(self.label_ja(), en)
    }
}

/// The kind of an income line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncomeKind {
    /// 交付金 / 補助金: the grant applied for.
    Grant,
    /// 会費 (the council's own money from dues).
    Dues,
    /// 事業収入 (participation fees, sales).
    ProjectIncome,
    /// 寄付金・協賛金.
    Donations,
    /// 繰越金.
    CarriedOver,
    /// その他.
    Other,
}

impl IncomeKind {
    /// Every kind, in the order forms print them.
    pub const ALL: [IncomeKind; 6] = [
        IncomeKind::Grant,
        IncomeKind::Dues,
        IncomeKind::ProjectIncome,
        IncomeKind::Donations,
        IncomeKind::CarriedOver,
        IncomeKind::Other,
    ];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            IncomeKind::Grant => "grant",
            IncomeKind::Dues => "dues",
            IncomeKind::ProjectIncome => "project_income",
            IncomeKind::Donations => "donations",
            IncomeKind::CarriedOver => "carried_over",
            IncomeKind::Other => "other",
        }
    }

    /// From the stored text (unknown text reads as その他).
    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|c| c.as_str() == s).unwrap_or(IncomeKind::Other)
    }

    /// The kind as forms print it (交付金).
    pub fn label_ja(self) -> &'static str {
        match self {
            IncomeKind::Grant => "交付金",
            IncomeKind::Dues => "会費",
            IncomeKind::ProjectIncome => "事業収入",
            IncomeKind::Donations => "寄付金",
            IncomeKind::CarriedOver => "繰越金",
            IncomeKind::Other => "その他",
        }
    }

    /// The kind in both languages.
    pub fn label(self) -> Text {
        let en = match self {
            IncomeKind::Grant => "Grant",
            IncomeKind::Dues => "Dues",
            IncomeKind::ProjectIncome => "Project income",
            IncomeKind::Donations => "Donations",
            IncomeKind::CarriedOver => "Carried over",
            IncomeKind::Other => "Other",
        };
        Text::new(self.label_ja(), en)
    }
}

/// A subsidy rate as an exact fraction: 1/2, 2/3, 10/10 (a rate above one is refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubsidyRate {
    /// The numerator (2 in 2/3).
    pub numerator: u32,
    /// The denominator (3 in 2/3).
    pub denominator: u32,
}

impl SubsidyRate {
    /// A rate of `numerator / denominator`.
    pub const fn new(numerator: u32, denominator: u32) -> Self {
        Self { numerator, denominator }
    }

    /// True for a proper fraction above zero (0 < rate ≤ 1).
    pub fn is_valid(self) -> bool {
        self.numerator > 0 && self.denominator > 0 && self.numerator <= self.denominator
    }

    /// The most this rate grants on `eligible` yen: `floor(eligible × numerator / denominator)`,
    /// rounded down to the yen as grant rules require (never up).
    pub fn cap(self, eligible: i64) -> i64 {
        if eligible <= 0 || self.denominator == 0 {
            return 0;
        }
        let cap = i128::from(eligible) * i128::from(self.numerator) / i128::from(self.denominator);
        i64::try_from(cap).unwrap_or(i64::MAX)
    }

    /// `2分の1` / `1/2`, as rules and forms write it.
    pub fn label(self) -> Text {
        Text::new(
            format!("{}分の{}", self.denominator, self.numerator),
            format!("{}/{}", self.numerator, self.denominator),
        )
    }
}

/// One income line of a budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncomeLine {
    /// The kind.
    pub kind: IncomeKind,
    /// What it is (参加費 300円×50人).
    pub description: String,
    /// Yen.
    pub amount: i64,
}

/// One row of an expense line's breakdown (積算内訳): item × unit price × quantity = amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BreakdownRow {
    /// The item (軍手).
    pub item: String,
    /// Unit price in yen.
    pub unit_price: i64,
    /// Quantity.
    pub quantity: i64,
    /// The unit (双, 枚, 人, 回).
    pub unit: String,
    /// Yen; must equal unit price × quantity.
    pub amount: i64,
}

/// One expense line of a budget: a category, what it pays for, and whether the grant pays for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseLine {
    /// The category (科目).
    pub category: ExpenseCategory,
    /// What it pays for (清掃用品の購入).
    pub description: String,
    /// True when the grant pays for it; false when the council's own funds do.
    pub charged_to_grant: bool,
    /// Yen; must equal the sum of the breakdown when there is one.
    pub amount: i64,
    /// The breakdown (may be empty).
    pub breakdown: Vec<BreakdownRow>,
}

/// A budget as its form edits it: income lines and expense lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetInput {
    /// Income lines.
    pub income: Vec<IncomeLine>,
    /// Expense lines.
    pub expenses: Vec<ExpenseLine>,
}

impl BudgetInput {
    /// Total income.
    pub fn income_total(&self) -> i64 {
        self.income.iter().map(|l| l.amount).sum()
    }

    /// Total expenses.
    pub fn expense_total(&self) -> i64 {
        self.expenses.iter().map(|l| l.amount).sum()
    }

    /// The grant's income lines together.
    pub fn grant_income(&self) -> i64 {
        self.income.iter().filter(|l| l.kind == IncomeKind::Grant).map(|l| l.amount).sum()
    }

    /// The expenses charged to the grant in eligible categories: the base of the rate cap.
    pub fn eligible_grant_expenses(&self, eligible: &[ExpenseCategory]) -> i64 {
        self.expenses.iter().filter(|l| l.charged_to_grant && eligible.contains(&l.category)).map(|l| l.amount).sum()
    }

    /// The budget per category, in the forms' order (categories without a line are left out).
    pub fn by_category(&self) -> Vec<(ExpenseCategory, i64)> {
        ExpenseCategory::ALL
            .into_iter()
            .filter_map(|c| {
                let lines: Vec<&ExpenseLine> = self.expenses.iter().filter(|l| l.category == c).collect();
                (!lines.is_empty()).then(|| (c, lines.iter().map(|l| l.amount).sum()))
            })
            .collect()
    }
}

/// The rules of a program that a budget and its spending are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramRules {
    /// The subsidy rate.
    pub rate: SubsidyRate,
    /// The most the program grants, if it says.
    pub max_amount: Option<i64>,
    /// The categories the grant may pay for.
    pub eligible: Vec<ExpenseCategory>,
    /// How far (percent of its budget) a category may move before a change application is needed.
    pub change_threshold_percent: u32,
}

/// What the budget's grant line must equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantReference {
    /// The amount applied for (申請額): the original budget.
    Requested(i64),
    /// The amount granted (交付決定額): a change keeps the grant as awarded.
    Granted(i64),
}

/// What kind of problem a budget has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetProblemKind {
    /// No expense lines at all.
    NoExpenses,
    /// Income total ≠ expense total.
    Unbalanced,
    /// The grant income ≠ the amount applied for (or granted, for a change).
    GrantNotAsApplied,
    /// The grant is above the program's maximum.
    OverMaximum,
    /// The grant is above `floor(rate × eligible expenses charged to the grant)`.
    OverRate,
    /// A category the program does not pay for is charged to the grant.
    IneligibleCategory,
    /// A line's breakdown does not add up to the line's amount.
    BreakdownSum,
    /// A breakdown row's unit price × quantity ≠ its amount.
    BreakdownRow,
}

/// One problem of a budget: what is wrong, where, and exactly what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetProblem {
    /// The kind (the UI may group by it; it never matches on the message).
    pub kind: BudgetProblemKind,
    /// Where, as the budget form names it: `totals`, `income`, `expenses.2`, `expenses.2.breakdown.0`
    /// (0-based positions in the form's lists).
    pub field: String,
    /// What is wrong and what to do.
    pub message: Text,
}

/// Yen in English text: `¥12,000`.
pub(crate) fn yen_en(amount: i64) -> String {
    if amount < 0 { format!("-¥{}", format_amount(-amount)) } else { format!("¥{}", format_amount(amount)) }
}

/// Every problem of `budget` under `rules`; empty when it can be applied with.
pub fn check(budget: &BudgetInput, rules: &ProgramRules, reference: GrantReference) -> Vec<BudgetProblem> {
    let mut problems = Vec::new();
    let push = |problems: &mut Vec<BudgetProblem>, kind, field: String, ja: String, en: String| {
        problems.push(BudgetProblem { kind, field, message: Text::new(ja, en) });
    };

    if budget.expenses.is_empty() {
        push(
            &mut problems,
            BudgetProblemKind::NoExpenses,
            "expenses".to_owned(),
            "支出の行がありません。経費を科目ごとに入力してください。".to_owned(),
            "There are no expense lines. Enter the expenses by category.".to_owned(),
        );
    }

    // Income total = expense total, saying which side is short and by how much.
    let (income, expense) = (budget.income_total(), budget.expense_total());
    if income != expense {
        let d = (income - expense).abs();
        let (ja, en) = if expense > income {
            (
                format!(
                    "収入合計（{}）と支出合計（{}）が合っていません。支出が{}多いので、収入を{}増やすか、支出を{}減らしてください。",
                    format_yen(income),
                    format_yen(expense),
                    format_yen(d),
                    format_yen(d),
                    format_yen(d)
                ),
                format!(
                    "Income ({}) and expenses ({}) do not balance: expenses are {} more. Add {} of income or cut {} of expenses.",
                    yen_en(income),
                    yen_en(expense),
                    yen_en(d),
                    yen_en(d),
                    yen_en(d)
                ),
            )
        } else {
            (
                format!(
                    "収入合計（{}）と支出合計（{}）が合っていません。収入が{}多いので、支出を{}増やすか、収入を{}減らしてください。",
                    format_yen(income),
                    format_yen(expense),
                    format_yen(d),
                    format_yen(d),
                    format_yen(d)
                ),
                format!(
                    "Income ({}) and expenses ({}) do not balance: income is {} more. Add {} of expenses or cut {} of income.",
                    yen_en(income),
                    yen_en(expense),
                    yen_en(d),
                    yen_en(d),
                    yen_en(d)
                ),
            )
        };
        push(&mut problems, BudgetProblemKind::Unbalanced, "totals".to_owned(), ja, en);
    }

    // The grant line is what was applied for (or, for a change, what was granted).
    let grant = budget.grant_income();
    let (expected, ja_name, en_name, ja_fix, en_fix) = match reference {
        GrantReference::Requested(r) => {
            (r, "申請額", "the amount applied for", "交付金の行を申請額と同じにしてください。", "Make them the same.")
        }
        GrantReference::Granted(g) => (
            g,
            "交付決定額",
            "the amount granted",
            "変更申請では交付金の額は変えられません。交付金の行を交付決定額に戻し、ほかの行で調整してください。",
            "A change application keeps the grant as awarded: set the grant line back and adjust other lines.",
        ),
    };
    if grant != expected {
        push(
            &mut problems,
            BudgetProblemKind::GrantNotAsApplied,
            "income".to_owned(),
            format!("収入の交付金（{}）が{ja_name}（{}）と違います。{ja_fix}", format_yen(grant), format_yen(expected)),
            format!("The grant income ({}) differs from {en_name} ({}). {en_fix}", yen_en(grant), yen_en(expected)),
        );
    }

    // The program's maximum.
    if let Some(max) = rules.max_amount
        && grant > max
    {
        push(
            &mut problems,
            BudgetProblemKind::OverMaximum,
            "income".to_owned(),
            format!(
                "交付金（{}）が制度の上限額（{}）を超えています。{}以下にしてください。",
                format_yen(grant),
                format_yen(max),
                format_yen(max)
            ),
            format!(
                "The grant ({}) is above the program's maximum ({}). Lower it to {} or less.",
                yen_en(grant),
                yen_en(max),
                yen_en(max)
            ),
        );
    }

    // The rate: the grant may not exceed floor(rate × eligible expenses charged to the grant).
    let eligible = budget.eligible_grant_expenses(&rules.eligible);
    let cap = rules.rate.cap(eligible);
    if grant > cap {
        let rate = rules.rate.label();
        push(
            &mut problems,
            BudgetProblemKind::OverRate,
            "income".to_owned(),
            format!(
                "交付金（{}）が補助率の上限を超えています。交付金を充てる対象経費{}の{}は{}です（1円未満切り捨て）。交付金を{}以下にするか、対象経費を見直してください。",
                format_yen(grant),
                format_yen(eligible),
                rate.ja,
                format_yen(cap),
                format_yen(cap)
            ),
            format!(
                "The grant ({}) is above the subsidy rate: {} of the eligible expenses charged to the grant ({}) is {} (rounded down to the yen). Lower the grant to {} or less, or review the expenses.",
                yen_en(grant),
                rate.en,
                yen_en(eligible),
                yen_en(cap),
                yen_en(cap)
            ),
        );
    }

    for (i, line) in budget.expenses.iter().enumerate() {
        let n = i + 1;
        let cat = line.category.label_ja();
        if line.charged_to_grant && !rules.eligible.contains(&line.category) {
            push(
                &mut problems,
                BudgetProblemKind::IneligibleCategory,
                format!("expenses.{i}"),
                format!(
                    "支出{n}行目の「{cat}」はこの制度の対象経費ではないため、交付金を充てられません。自己資金にするか、行を削除してください。"
                ),
                format!(
                    "Expense line {n}: {cat} is not an eligible expense under this program, so the grant cannot pay for it. Charge it to own funds or remove the line."
                ),
            );
        }
        if line.breakdown.is_empty() {
            continue;
        }
        for (j, row) in line.breakdown.iter().enumerate() {
            let product = i128::from(row.unit_price) * i128::from(row.quantity);
            if product != i128::from(row.amount) {
                let item =
                    if row.item.trim().is_empty() { format!("{}行目", j + 1) } else { row.item.trim().to_owned() };
                push(
                    &mut problems,
                    BudgetProblemKind::BreakdownRow,
                    format!("expenses.{i}.breakdown.{j}"),
                    format!(
                        "支出{n}行目（{cat}）の内訳「{item}」：単価{}×数量{}は{}ですが、金額が{}になっています。",
                        format_yen(row.unit_price),
                        row.quantity,
                        format_yen(i64::try_from(product).unwrap_or(i64::MAX)),
                        format_yen(row.amount)
                    ),
                    format!(
                        "Expense line {n} ({cat}), item “{item}”: {} × {} is {}, but the amount says {}.",
                        yen_en(row.unit_price),
                        row.quantity,
                        yen_en(i64::try_from(product).unwrap_or(i64::MAX)),
                        yen_en(row.amount)
                    ),
                );
            }
        }
        let sum: i64 = line.breakdown.iter().map(|r| r.amount).sum();
        if sum != line.amount {
            push(
                &mut problems,
                BudgetProblemKind::BreakdownSum,
                format!("expenses.{i}"),
                format!(
                    "支出{n}行目（{cat}）の内訳の合計（{}）が金額（{}）と合っていません。金額を{}にするか、内訳を直してください。",
                    format_yen(sum),
                    format_yen(line.amount),
                    format_yen(sum)
                ),
                format!(
                    "Expense line {n} ({cat}): the breakdown adds up to {}, but the amount says {}. Set the amount to {} or fix the breakdown.",
                    yen_en(sum),
                    yen_en(line.amount),
                    yen_en(sum)
                ),
            );
        }
    }
    problems
}

/// A budget's check with the figures behind it, as the budget form shows them under the lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetCheck {
    /// The version checked (none: the application has no budget yet).
    pub version: Option<u32>,
    /// Total income.
    pub income_total: i64,
    /// Total expenses.
    pub expense_total: i64,
    /// The grant's income lines.
    pub grant: i64,
    /// What the grant line must equal (the amount applied for, or granted for a change).
    pub reference_amount: i64,
    /// Expenses charged to the grant in eligible categories.
    pub eligible_grant_expenses: i64,
    /// `floor(rate × eligible_grant_expenses)`.
    pub rate_cap: i64,
    /// The program's maximum.
    pub max_amount: Option<i64>,
    /// Every problem; empty when the budget can be handed in.
    pub problems: Vec<BudgetProblem>,
}

/// [`check`] with the figures behind it.
pub fn check_with_figures(
    budget: &BudgetInput,
    rules: &ProgramRules,
    reference: GrantReference,
    version: Option<u32>,
) -> BudgetCheck {
    let eligible = budget.eligible_grant_expenses(&rules.eligible);
    BudgetCheck {
        version,
        income_total: budget.income_total(),
        expense_total: budget.expense_total(),
        grant: budget.grant_income(),
        reference_amount: match reference {
            GrantReference::Requested(a) | GrantReference::Granted(a) => a,
        },
        eligible_grant_expenses: eligible,
        rate_cap: rules.rate.cap(eligible),
        max_amount: rules.max_amount,
        problems: check(budget, rules, reference),
    }
}

/// Which way spending has moved from the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Drift {
    /// Spent as budgeted (or not yet compared: no spending and nothing budgeted).
    OnBudget,
    /// Spent more than budgeted.
    Over,
    /// Spent less than budgeted.
    Under,
}

/// Budget against actual spending for one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CategoryComparison {
    /// The category.
    pub category: ExpenseCategory,
    /// Its name in both languages.
    pub label: Text,
    /// Budgeted (the current budget version).
    pub budget: i64,
    /// Spent so far.
    pub actual: i64,
    /// Actual − budget (増減; negative when less was spent).
    pub difference: i64,
    /// Which way it moved.
    pub drift: Drift,
    /// The move as a percentage of the budget as shown (`27%`); none when nothing was budgeted.
    pub percent_text: Option<String>,
    /// True when the move is beyond the program's threshold, so a change application is needed before
    /// the report (over-spending at any time; under-spending once the project is completed).
    pub needs_change: bool,
    /// What to do, when `needs_change`.
    pub message: Option<Text>,
}

/// True when `difference` moves beyond `threshold_percent` of `budget` (strictly more, as rules say
/// "20%を超える"). Anything spent in a category with no budget is beyond any threshold.
pub fn crosses(budget: i64, difference: i64, threshold_percent: u32) -> bool {
    if difference == 0 {
        return false;
    }
    if budget <= 0 {
        return true;
    }
    i128::from(difference).abs() * 100 > i128::from(budget) * i128::from(threshold_percent)
}

/// The move as people read it: whole percent rounded half up, or to one decimal when the whole
/// number would hide that it crosses the threshold (20.4% of a 20% rule is not "20%").
fn percent_text(budget: i64, difference: i64, threshold_percent: u32) -> Option<String> {
    if budget <= 0 {
        return None;
    }
    let (d, b) = (i128::from(difference).abs(), i128::from(budget));
    let tenths = (d * 1000 + b / 2) / b;
    let whole = (d * 100 + b / 2) / b;
    if crosses(budget, difference, threshold_percent) && whole <= i128::from(threshold_percent) {
        Some(format!("{}.{}%", tenths / 10, tenths % 10))
    } else {
        Some(format!("{whole}%"))
    }
}

/// Compares one category's budget and spending against the program's threshold. Over-spending
/// beyond the threshold needs a change application at any time. Under-spending counts too (programs
/// write the rule as 増減, ±), but only once the project is `completed`: before that, money not yet
/// spent is simply still to be spent.
pub fn compare(
    category: ExpenseCategory,
    budget: i64,
    actual: i64,
    threshold_percent: u32,
    completed: bool,
) -> CategoryComparison {
    let difference = actual - budget;
    let drift = match difference.cmp(&0) {
        std::cmp::Ordering::Greater => Drift::Over,
        std::cmp::Ordering::Less => Drift::Under,
        std::cmp::Ordering::Equal => Drift::OnBudget,
    };
    let percent = percent_text(budget, difference, threshold_percent);
    let beyond = crosses(budget, difference, threshold_percent);
    let needs_change = beyond && (drift == Drift::Over || completed);
    let cat = category.label_ja();
    let message = needs_change.then(|| match (drift, &percent) {
        (Drift::Over, Some(p)) => Text::new(
            format!("{cat}が予算より{p}多くなっています。実績報告の前に変更承認申請が必要です。"),
            format!("{cat} is {} over budget: a change application is needed before the report", spaced(p)),
        ),
        (Drift::Over, None) => Text::new(
            format!(
                "{cat}は予算にありませんが、{}の支出があります。実績報告の前に変更承認申請が必要です。",
                format_yen(actual)
            ),
            format!(
                "{cat} has no budget but {} was spent: a change application is needed before the report",
                yen_en(actual)
            ),
        ),
        (_, p) => {
            let p = p.clone().unwrap_or_default();
            Text::new(
                format!("{cat}が予算より{p}少なくなっています。実績報告の前に変更承認申請が必要です。"),
                format!("{cat} is {} under budget: a change application is needed before the report", spaced(&p)),
            )
        }
    });
    CategoryComparison {
        category,
        label: category.label(),
        budget,
        actual,
        difference,
        drift,
        percent_text: percent,
        needs_change,
        message,
    }
}

/// `27%` → `27 %` (English spacing).
fn spaced(p: &str) -> String {
    p.replace('%', " %")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExpenseCategory as C;

    fn rules(n: u32, d: u32, max: Option<i64>) -> ProgramRules {
        ProgramRules {
            rate: SubsidyRate::new(n, d),
            max_amount: max,
            eligible: vec![C::Supplies, C::Printing, C::Honorarium, C::Rental],
            change_threshold_percent: 20,
        }
    }

    fn line(category: ExpenseCategory, grant: bool, amount: i64) -> ExpenseLine {
        ExpenseLine { category, description: String::new(), charged_to_grant: grant, amount, breakdown: Vec::new() }
    }

    fn income(kind: IncomeKind, amount: i64) -> IncomeLine {
        IncomeLine { kind, description: String::new(), amount }
    }

    /// A balanced budget: the grant plus dues pay for the expenses.
    fn budget(grant: i64, dues: i64, expenses: Vec<ExpenseLine>) -> BudgetInput {
        BudgetInput { income: vec![income(IncomeKind::Grant, grant), income(IncomeKind::Dues, dues)], expenses }
    }

    fn kinds(p: &[BudgetProblem]) -> Vec<BudgetProblemKind> {
        p.iter().map(|p| p.kind).collect()
    }

    #[test]
    fn the_rate_cap_rounds_down_to_the_yen() {
        // (numerator, denominator, eligible, cap, why)
        let cases: &[(u32, u32, i64, i64, &str)] = &[
            (1, 2, 100_000, 50_000, "half of an even amount"),
            (1, 2, 100_001, 50_000, "half of an odd amount rounds down, never up"),
            (2, 3, 100_000, 66_666, "two thirds of 100,000 is 66,666.67: rounded down"),
            (2, 3, 99_999, 66_666, "exactly two thirds"),
            (2, 3, 1, 0, "two thirds of one yen is no yen"),
            (10, 10, 123_457, 123_457, "10/10 pays everything"),
            (3, 4, 10, 7, "7.5 rounds down to 7"),
            (1, 2, 0, 0, "nothing eligible, nothing granted"),
            (1, 2, -5, 0, "a negative base grants nothing"),
            (1, 1, i64::MAX, i64::MAX, "no overflow at the top"),
        ];
        for (n, d, eligible, cap, why) in cases {
            assert_eq!(SubsidyRate::new(*n, *d).cap(*eligible), *cap, "{n}/{d} of {eligible}: {why}");
        }
        assert_eq!(SubsidyRate::new(2, 3).label().ja, "3分の2", "Japanese rules write the denominator first");
        assert_eq!(SubsidyRate::new(10, 10).label().en, "10/10");
        assert!(!SubsidyRate::new(3, 2).is_valid(), "a rate above one is not a subsidy rate");
        assert!(!SubsidyRate::new(0, 2).is_valid(), "a zero rate grants nothing");
    }

    #[test]
    fn a_sound_budget_has_no_problems() {
        // Half of the 100,000 of supplies charged to the grant; the food is the council's own.
        let b = budget(50_000, 90_000, vec![line(C::Supplies, true, 100_000), line(C::Food, false, 40_000)]);
        assert_eq!(check(&b, &rules(1, 2, Some(100_000)), GrantReference::Requested(50_000)), vec![]);
    }

    #[test]
    fn budget_check_table() {
        use BudgetProblemKind as K;
        // (rate, max, budget, requested, expected problems, why)
        type Case = ((u32, u32), Option<i64>, BudgetInput, i64, Vec<BudgetProblemKind>, &'static str);
        let cases: Vec<Case> = vec![
            (
                (1, 2),
                None,
                budget(50_000, 50_000, vec![line(C::Supplies, true, 100_000)]),
                50_000,
                vec![],
                "1/2 of 100,000 allows exactly 50,000",
            ),
            (
                (1, 2),
                None,
                budget(50_001, 49_999, vec![line(C::Supplies, true, 100_000)]),
                50_001,
                vec![K::OverRate],
                "one yen above half",
            ),
            (
                (2, 3),
                None,
                budget(66_666, 33_334, vec![line(C::Supplies, true, 100_000)]),
                66_666,
                vec![],
                "2/3 of 100,000 rounds down to 66,666: allowed",
            ),
            (
                (2, 3),
                None,
                budget(66_667, 33_333, vec![line(C::Supplies, true, 100_000)]),
                66_667,
                vec![K::OverRate],
                "66,667 would need rounding up: refused",
            ),
            (
                (10, 10),
                None,
                budget(100_000, 0, vec![line(C::Supplies, true, 100_000)]),
                100_000,
                vec![],
                "10/10 pays all eligible expenses",
            ),
            (
                (10, 10),
                None,
                budget(100_000, 20_000, vec![line(C::Supplies, true, 100_000), line(C::Supplies, false, 20_000)]),
                100_000,
                vec![],
                "own-funds lines are outside the rate's base",
            ),
            (
                (10, 10),
                None,
                budget(100_000, 20_000, vec![line(C::Supplies, true, 80_000), line(C::Supplies, false, 40_000)]),
                100_000,
                vec![K::OverRate],
                "10/10 of 80,000 charged to the grant is 80,000",
            ),
            (
                (10, 10),
                Some(80_000),
                budget(100_000, 0, vec![line(C::Supplies, true, 100_000)]),
                100_000,
                vec![K::OverMaximum],
                "the program's maximum caps the grant",
            ),
            (
                (1, 2),
                None,
                budget(40_000, 60_000, vec![line(C::Supplies, true, 80_000), line(C::Food, true, 20_000)]),
                40_000,
                vec![K::IneligibleCategory],
                "食糧費 is not eligible: charged to the grant is refused, and not in the cap's base",
            ),
            (
                (1, 2),
                None,
                budget(45_000, 55_000, vec![line(C::Supplies, true, 80_000), line(C::Food, true, 20_000)]),
                45_000,
                vec![K::OverRate, K::IneligibleCategory],
                "the ineligible 20,000 does not raise the cap above 40,000",
            ),
            (
                (1, 2),
                None,
                budget(50_000, 40_000, vec![line(C::Supplies, true, 100_000)]),
                50_000,
                vec![K::Unbalanced],
                "income 90,000 against expenses 100,000",
            ),
            (
                (1, 2),
                None,
                budget(50_000, 50_000, vec![line(C::Supplies, true, 100_000)]),
                45_000,
                vec![K::GrantNotAsApplied],
                "the grant line must be the amount applied for",
            ),
            ((1, 2), None, BudgetInput { income: vec![], expenses: vec![] }, 0, vec![K::NoExpenses], "an empty budget"),
        ];
        for ((n, d), max, b, requested, want, why) in cases {
            let got = check(&b, &rules(n, d, max), GrantReference::Requested(requested));
            assert_eq!(kinds(&got), want, "{why}: {got:?}");
        }
    }

    #[test]
    fn problems_say_exactly_what_to_fix() {
        let b = budget(50_000, 40_000, vec![line(C::Supplies, true, 100_000)]);
        let p = check(&b, &rules(1, 2, None), GrantReference::Requested(50_000));
        assert_eq!(
            p[0].message.ja,
            "収入合計（90,000円）と支出合計（100,000円）が合っていません。支出が10,000円多いので、収入を10,000円増やすか、支出を10,000円減らしてください。"
        );
        assert_eq!(
            p[0].message.en,
            "Income (¥90,000) and expenses (¥100,000) do not balance: expenses are ¥10,000 more. Add ¥10,000 of income or cut ¥10,000 of expenses."
        );
        assert_eq!(p[0].field, "totals");

        let more_income = budget(50_000, 60_000, vec![line(C::Supplies, true, 100_000)]);
        let p = check(&more_income, &rules(1, 2, None), GrantReference::Requested(50_000));
        assert!(p[0].message.ja.contains("収入が10,000円多い"), "says which side is larger: {}", p[0].message.ja);

        let over = budget(66_667, 33_333, vec![line(C::Supplies, true, 100_000)]);
        let p = check(&over, &rules(2, 3, None), GrantReference::Requested(66_667));
        assert_eq!(
            p[0].message.ja,
            "交付金（66,667円）が補助率の上限を超えています。交付金を充てる対象経費100,000円の3分の2は66,666円です（1円未満切り捨て）。交付金を66,666円以下にするか、対象経費を見直してください。",
            "the message names the computed cap"
        );

        let food = budget(40_000, 60_000, vec![line(C::Supplies, true, 80_000), line(C::Food, true, 20_000)]);
        let p = check(&food, &rules(1, 2, None), GrantReference::Requested(40_000));
        assert_eq!(p[0].field, "expenses.1");
        assert!(
            p[0].message.ja.starts_with("支出2行目の「食糧費」はこの制度の対象経費ではない"),
            "{}",
            p[0].message.ja
        );
        assert!(p[0].message.en.contains("食糧費 is not an eligible expense"), "{}", p[0].message.en);

        let max = budget(100_000, 0, vec![line(C::Supplies, true, 100_000)]);
        let p = check(&max, &rules(10, 10, Some(80_000)), GrantReference::Requested(100_000));
        assert_eq!(
            p[0].message.ja,
            "交付金（100,000円）が制度の上限額（80,000円）を超えています。80,000円以下にしてください。"
        );

        let change = budget(50_000, 50_000, vec![line(C::Supplies, true, 100_000)]);
        let p = check(&change, &rules(1, 2, None), GrantReference::Granted(45_000));
        assert!(
            p[0].message.ja.contains("交付決定額（45,000円）"),
            "a change compares with the grant: {}",
            p[0].message.ja
        );
    }

    #[test]
    fn breakdowns_must_add_up() {
        let row = |item: &str, unit_price, quantity, amount| BreakdownRow {
            item: item.into(),
            unit_price,
            quantity,
            unit: "個".into(),
            amount,
        };
        let mut l = line(C::Supplies, true, 10_000);
        l.breakdown = vec![row("軍手", 200, 30, 6_000), row("ごみ袋", 50, 80, 4_000)];
        let ok = budget(5_000, 5_000, vec![l.clone()]);
        assert_eq!(check(&ok, &rules(1, 2, None), GrantReference::Requested(5_000)), vec![], "6,000 + 4,000 = 10,000");

        l.breakdown[1].amount = 3_000;
        l.breakdown[1].quantity = 60;
        let short = budget(5_000, 5_000, vec![l.clone()]);
        let p = check(&short, &rules(1, 2, None), GrantReference::Requested(5_000));
        assert_eq!(kinds(&p), vec![BudgetProblemKind::BreakdownSum]);
        assert_eq!(
            p[0].message.ja,
            "支出1行目（消耗品費）の内訳の合計（9,000円）が金額（10,000円）と合っていません。金額を9,000円にするか、内訳を直してください。"
        );

        l.breakdown[1].quantity = 80; // 50 × 80 = 4,000 but the row says 3,000
        let wrong_row = budget(5_000, 5_000, vec![l]);
        let p = check(&wrong_row, &rules(1, 2, None), GrantReference::Requested(5_000));
        assert_eq!(kinds(&p), vec![BudgetProblemKind::BreakdownRow, BudgetProblemKind::BreakdownSum]);
        assert_eq!(p[0].field, "expenses.0.breakdown.1");
        assert_eq!(
            p[0].message.ja,
            "支出1行目（消耗品費）の内訳「ごみ袋」：単価50円×数量80は4,000円ですが、金額が3,000円になっています。"
        );
    }

    #[test]
    fn threshold_table() {
        // (budget, actual, threshold, completed, needs change, percent shown, why)
        type Case = (i64, i64, u32, bool, bool, Option<&'static str>, &'static str);
        let cases: &[Case] = &[
            (100_000, 120_000, 20, false, false, Some("20%"), "exactly 20% over is not beyond 20%"),
            (100_000, 120_001, 20, false, true, Some("20.0%"), "one yen beyond 20%: shown with a decimal"),
            (100_000, 127_000, 20, false, true, Some("27%"), "27% over"),
            (100_000, 80_000, 20, true, false, Some("20%"), "exactly 20% under is within"),
            (100_000, 70_000, 20, true, true, Some("30%"), "30% under at completion counts (±)"),
            (100_000, 70_000, 20, false, false, Some("30%"), "30% under while running: still to be spent"),
            (100_000, 0, 20, false, false, Some("100%"), "nothing spent yet while running"),
            (100_000, 0, 20, true, true, Some("100%"), "nothing spent at completion"),
            (0, 5_000, 20, false, true, None, "spending in a category with no budget"),
            (0, 0, 20, true, false, None, "nothing budgeted, nothing spent"),
            (50_000, 55_000, 10, false, false, Some("10%"), "a 10% program: exactly 10%"),
            (50_000, 55_001, 10, false, true, Some("10.0%"), "a 10% program: just beyond"),
            (3, 4, 20, false, true, Some("33%"), "small amounts: 1 of 3 is 33%"),
            (100_000, 100_000, 0, true, false, Some("0%"), "a 0% rule: no move, no change"),
            (100_000, 100_001, 0, false, true, Some("0.0%"), "a 0% rule: any move needs a change"),
        ];
        for (budget, actual, threshold, completed, needs, percent, why) in cases {
            let c = compare(C::Supplies, *budget, *actual, *threshold, *completed);
            assert_eq!(c.needs_change, *needs, "needs change: {why}");
            assert_eq!(c.percent_text.as_deref(), *percent, "percent: {why}");
            assert_eq!(c.difference, actual - budget, "difference: {why}");
            assert_eq!(c.message.is_some(), *needs, "a message exactly when a change is needed: {why}");
        }
    }

    #[test]
    fn threshold_messages_say_what_to_do() {
        let over = compare(C::Supplies, 100_000, 127_000, 20, false);
        assert_eq!(over.drift, Drift::Over);
        let m = over.message.expect("message");
        assert_eq!(m.ja, "消耗品費が予算より27%多くなっています。実績報告の前に変更承認申請が必要です。");
        assert_eq!(m.en, "消耗品費 is 27 % over budget: a change application is needed before the report");

        let under = compare(C::Printing, 50_000, 30_000, 20, true);
        assert_eq!(under.drift, Drift::Under);
        assert_eq!(
            under.message.expect("message").ja,
            "印刷製本費が予算より40%少なくなっています。実績報告の前に変更承認申請が必要です。"
        );

        let new = compare(C::Fuel, 0, 3_000, 20, false);
        assert_eq!(
            new.message.expect("message").ja,
            "燃料費は予算にありませんが、3,000円の支出があります。実績報告の前に変更承認申請が必要です。"
        );
    }

    #[test]
    fn categories_and_kinds_round_trip() {
        for c in ExpenseCategory::ALL {
            assert_eq!(ExpenseCategory::parse(c.as_str()), c, "{c:?} reads back");
        }
        for k in IncomeKind::ALL {
            assert_eq!(IncomeKind::parse(k.as_str()), k, "{k:?} reads back");
        }
        assert_eq!(ExpenseCategory::Rental.label_ja(), "使用料及び賃借料");
    }
}
