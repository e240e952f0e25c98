//! Coverage: per source, the claims, actors and dates it carries that no other source
//! does, and those the other sources carry that it lacks.

use crate::model::{ClaimGroupId, DateValue, EntityId};

use super::{ActorRow, ClaimRow, DateRow};

/// What one source carries alone, and what it lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Carried by this source and no other.
    pub only_here: Carried,
    /// Carried by some other source but not by this one.
    pub lacking: Carried,
}

/// Claim groups, entities and date values, each in the order of the comparison's rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    pub claims: Vec<ClaimGroupId>,
    pub actors: Vec<EntityId>,
    pub dates: Vec<DateValue>,
}

impl Carried {
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.actors.is_empty() && self.dates.is_empty()
    }
}

/// The coverage of each of `columns` sources.
pub(super) fn build(
    columns: usize,
    actors: &[ActorRow],
    claims: &[ClaimRow],
    dates: &[DateRow],
) -> Vec<Coverage> {
    let mut coverage = vec![Coverage::default(); columns];
    for row in claims {
        let carried: Vec<bool> = row.cells.iter().map(|c| !c.is_empty()).collect();
        note(&mut coverage, &carried, &row.group, |c| &mut c.claims);
    }
    for row in actors {
        let carried: Vec<bool> = row.cells.iter().map(|c| !c.mentions.is_empty()).collect();
        note(&mut coverage, &carried, &row.entity, |c| &mut c.actors);
    }
    for row in dates {
        let carried: Vec<bool> = row.cells.iter().map(|c| !c.is_empty()).collect();
        note(&mut coverage, &carried, &row.value, |c| &mut c.dates);
    }
    coverage
}

/// Adds one row's item to the coverage of the column that alone carries it, and to the
/// lacks of the columns that do not.
fn note<T: Clone>(
    coverage: &mut [Coverage],
    carried: &[bool],
    item: &T,
    list: impl Fn(&mut Carried) -> &mut Vec<T>,
) {
    let carriers = carried.iter().filter(|&&c| c).count();
    for (column, &here) in carried.iter().enumerate() {
        if here && carriers == 1 {
            list(&mut coverage[column].only_here).push(item.clone());
        } else if !here && carriers > 0 {
            list(&mut coverage[column].lacking).push(item.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Comparison;
    use super::super::fixture::Fixture;

    fn ids<T: ToString>(list: &[T]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn each_source_carries_some_things_alone_and_lacks_others() {
        let mut f = Fixture::new(&["radio", "wire", "herald"]);
        f.claim("radio", "a gesture", Some("gesture"), None, None);
        f.claim("wire", "a step", Some("gesture"), None, None);
        f.claim("herald", "a gesture", Some("gesture"), None, None);
        f.claim("wire", "talks offered", Some("talks"), None, None);
        f.claim("herald", "talks offered", Some("talks"), None, None);
        f.actor("herald", "Metropolitan Kálmán", Some("kalman"));
        f.actor("radio", "Veselić", Some("veselic"));
        f.actor("wire", "Veselić", Some("veselic"));
        f.date("wire", "On Sunday", Some("2025-06-01"));
        f.date("radio", "this year", Some("2025"));
        f.date("wire", "in 2025", Some("2025"));
        let c = Comparison::build(&f.project());
        let [radio, wire, herald] = &c.coverage[..] else {
            panic!("three sources");
        };
        assert!(radio.only_here.is_empty());
        assert_eq!(ids(&radio.lacking.claims), ["talks"]);
        assert_eq!(ids(&radio.lacking.actors), ["kalman"]);
        assert_eq!(ids(&radio.lacking.dates), ["2025-06-01"]);
        assert_eq!(ids(&wire.only_here.dates), ["2025-06-01"]);
        assert!(wire.only_here.claims.is_empty() && wire.only_here.actors.is_empty());
        assert_eq!(ids(&wire.lacking.actors), ["kalman"]);
        assert!(wire.lacking.claims.is_empty() && wire.lacking.dates.is_empty());
        assert_eq!(ids(&herald.only_here.actors), ["kalman"]);
        assert_eq!(ids(&herald.lacking.actors), ["veselic"]);
        assert_eq!(ids(&herald.lacking.dates), ["2025", "2025-06-01"]);
    }
}
