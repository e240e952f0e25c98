//! Dates x sources: one row per distinct normalised date, with the words each source uses
//! for it, so that "On Sunday" and "June 1" stand side by side when both mean the same day.
//!
//! Rows run by first day, then last day (a day before the month that contains it). A value
//! keeps its precision: `2025-06` is one row, `2025-06-01` another.

use rustc_hash::FxHashMap;

use crate::model::DateValue;

use super::Mention;
use super::index::{Index, TextOrder, sorted};

/// One date value across the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRow {
    pub value: DateValue,
    /// Per column, the source's wordings of this date, in text order.
    pub cells: Vec<Vec<Mention>>,
}

/// The date rows in calendar order, and per column the dates with no value.
pub(super) fn build(index: &Index) -> (Vec<DateRow>, Vec<Vec<Mention>>) {
    let mut rows: Vec<(DateValue, Vec<TextOrder<Mention>>)> = Vec::new();
    let mut row_of: FxHashMap<DateValue, usize> = FxHashMap::default();
    let mut undated = vec![TextOrder::default(); index.columns];
    for item in &index.dates {
        let mention = item.mention();
        let cell = match item.link {
            Some(value) => {
                let row = *row_of.entry(value).or_insert_with(|| {
                    rows.push((value, vec![TextOrder::default(); index.columns]));
                    rows.len() - 1
                });
                &mut rows[row].1[item.column]
            }
            None => &mut undated[item.column],
        };
        cell.push(item.place, mention);
    }
    let mut rows: Vec<DateRow> = rows
        .into_iter()
        .map(|(value, cells)| DateRow {
            value,
            cells: sorted(cells),
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |v: &DateValue| (v.first_day(), v.last_day(), v.precision());
        key(&a.value)
            .cmp(&key(&b.value))
            .then_with(|| a.value.to_string().cmp(&b.value.to_string()))
    });
    (rows, sorted(undated))
}

#[cfg(test)]
mod tests {
    use super::super::Comparison;
    use super::super::fixture::Fixture;
    use crate::model::Precision;

    #[test]
    fn different_wordings_of_one_day_share_a_row() {
        let mut f = Fixture::new(&["wire", "radio"]);
        let sunday = f.date("wire", "On Sunday", Some("2025-06-01"));
        let june = f.date("radio", "June 1", Some("2025-06-01"));
        f.date("radio", "on the first", Some("2025-06-01"));
        let c = Comparison::build(&f.project());
        assert_eq!(c.dates.len(), 1);
        let row = &c.dates[0];
        assert_eq!(row.value.to_string(), "2025-06-01");
        assert_eq!(row.value.precision(), Precision::Day);
        assert_eq!(row.cells[0][0].text, "On Sunday");
        assert_eq!(row.cells[0][0].annotation.as_str(), sunday);
        let radio: Vec<&str> = row.cells[1].iter().map(|m| m.text.as_str()).collect();
        assert_eq!(radio, ["June 1", "on the first"]);
        assert_eq!(row.cells[1][0].annotation.as_str(), june);
    }

    #[test]
    fn rows_run_by_first_day_and_keep_their_precision() {
        let mut f = Fixture::new(&["a", "b"]);
        f.date("a", "this year", Some("2025"));
        f.date("a", "Wednesday", Some("2025-06-04"));
        f.date("b", "late May", Some("2025-05"));
        f.date("b", "in June", Some("2025-06"));
        f.date("b", "June 1", Some("2025-06-01"));
        f.date("b", "since 2022", Some("2022/2025-06-05"));
        f.date("b", "some day", None);
        let c = Comparison::build(&f.project());
        let values: Vec<String> = c.dates.iter().map(|r| r.value.to_string()).collect();
        assert_eq!(
            values,
            [
                "2022/2025-06-05",
                "2025",
                "2025-05",
                "2025-06-01",
                "2025-06",
                "2025-06-04"
            ]
        );
        let precisions: Vec<Precision> = c.dates.iter().map(|r| r.value.precision()).collect();
        assert_eq!(precisions[1..3], [Precision::Year, Precision::Month]);
        assert_eq!(c.undated[1][0].text, "some day");
        assert!(c.undated[0].is_empty());
    }
}
