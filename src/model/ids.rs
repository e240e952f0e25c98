//! Stable identifiers for sources, annotations, entities and claim groups.
//!
//! Ids minted by Parallax are random (two analysts working apart on copies of one
//! project never mint the same one); a user or an import may also choose a readable id
//! (`putin`, `gesture`). Both kinds obey the same rule: 1 to 64 characters from
//! `A-Z a-z 0-9 _ - .`, starting with a letter or digit.

use std::fmt;

/// Why a proposed id is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{id}` is not a valid id: {reason}")]
pub struct BadId {
    pub id: String,
    pub reason: &'static str,
}

/// Checks the id rule shared by every kind of id.
pub fn check_id(id: &str) -> Result<(), BadId> {
    let bad = |reason| {
        Err(BadId {
            id: id.to_string(),
            reason,
        })
    };
    if id.is_empty() {
        return bad("it is empty");
    }
    if id.chars().count() > 64 {
        return bad("it is longer than 64 characters");
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return bad("it must start with a letter or digit");
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return bad("use only letters, digits, `_`, `-` and `.`");
    }
    Ok(())
}

/// Makes a readable id from free text: `"Vladimir Putin"` becomes `vladimir-putin`, and
/// other scripts and accents are spelled in ASCII (`"Путин"`, `putin`; `"Veselić"`,
/// `veselic`). Returns `None` when nothing usable is left.
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    let ascii = deunicode::deunicode_with_tofu(text, "-");
    for c in ascii.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

/// A random id: a one-letter kind prefix and 12 base-32 characters (60 random bits).
fn random_id(prefix: char) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    let mut id = String::with_capacity(14);
    id.push(prefix);
    id.push('-');
    for b in bytes {
        id.push(ALPHABET[(b & 31) as usize] as char);
    }
    id
}

/// Reads an id from the text it is written in (checked against the id rule), without an
/// intermediate `String`.
struct IdVisitor;

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = std::sync::Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an id (a string)")
    }

    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Self::Value, E> {
        check_id(id).map_err(E::custom)?;
        Ok(id.into())
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        ///
        /// Cloning is cheap: the text is shared.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(std::sync::Arc<str>);

        impl $name {
            /// A fresh random id that no other copy of the project will mint.
            pub fn random() -> Self {
                Self(random_id($prefix).into())
            }

            /// A chosen id, checked against the id rule.
            pub fn new(id: impl Into<String>) -> Result<Self, BadId> {
                let id: String = id.into();
                check_id(&id)?;
                Ok(Self(id.into()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(IdVisitor).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies a source document within a project.
    SourceId,
    's'
);
id_type!(
    /// Identifies an annotation.
    AnnotationId,
    'a'
);
id_type!(
    /// Identifies an entity (an actor that may be named many ways).
    EntityId,
    'e'
);
id_type!(
    /// Identifies a claim group (one claim carried by several sources).
    ClaimGroupId,
    'g'
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_differ_and_obey_the_rule() {
        let ids: std::collections::HashSet<_> = (0..1000).map(|_| AnnotationId::random()).collect();
        assert_eq!(ids.len(), 1000);
        for id in ids {
            assert!(check_id(id.as_str()).is_ok(), "{id}");
            assert!(id.as_str().starts_with("a-"));
        }
    }

    #[test]
    fn chosen_ids_are_checked() {
        assert!(EntityId::new("putin").is_ok());
        assert!(EntityId::new("un.security-council_2").is_ok());
        assert!(EntityId::new("").is_err());
        assert!(EntityId::new("-x").is_err());
        assert!(EntityId::new("has space").is_err());
        assert!(EntityId::new("x".repeat(65)).is_err());
        let err = SourceId::new("a/b").unwrap_err();
        assert!(err.to_string().contains("a/b"));
    }

    #[test]
    fn slugs_are_readable_ids() {
        assert_eq!(slug("Vladimir Putin").as_deref(), Some("vladimir-putin"));
        assert_eq!(
            slug("  Holy See — Press Office ").as_deref(),
            Some("holy-see-press-office")
        );
        assert_eq!(slug("«»"), None);
        assert_eq!(
            slug("President Veselić").as_deref(),
            Some("president-veselic")
        );
        assert_eq!(slug("Путин").as_deref(), Some("putin"));
        assert!(check_id(&slug("Ünïcode Name 2").unwrap()).is_ok());
    }

    #[test]
    fn ids_deserialize_only_when_valid() {
        let ok: EntityId = ron::from_str("\"putin\"").unwrap();
        assert_eq!(ok.as_str(), "putin");
        assert!(ron::from_str::<EntityId>("\"no spaces\"").is_err());
    }
}
