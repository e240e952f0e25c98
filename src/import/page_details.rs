//! The details a web page declares about the article it carries: its headline, the
//! site's name, the authors, the day it was published and its canonical address.
//!
//! They are read from what pages declare for search engines and social networks, in
//! this order of trust: JSON-LD (`NewsArticle` and kin, inside `@graph` too), OpenGraph
//! and `article:` meta tags, Dublin Core and other common meta names, `<time datetime>`,
//! bylines and `<link rel="canonical">`. A time with a zone gives the day in the zone the
//! page wrote it in; a time in UTC gives the day in the zone of another time the page
//! declares, when there is one.

use chrono::{DateTime, FixedOffset, NaiveDate};
use scraper::{ElementRef, Html};
use serde_json::Value;

use super::html::{collapse, is_html};

/// What a page declares about its article. Every detail is `None` when the page does
/// not declare it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// The headline, without the site's name around it.
    pub title: Option<String>,
    /// The site's name: the outlet that published it.
    pub outlet: Option<String>,
    /// The authors, separated by `, `.
    pub author: Option<String>,
    /// The day it was published, in the page's own time zone.
    pub published: Option<NaiveDate>,
    /// The canonical address of the page.
    pub url: Option<String>,
}

/// The `@type`s of JSON-LD objects that describe an article.
#[rustfmt::skip]
const ARTICLE_TYPES: &[&str] = &[
    "Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle",
    "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
    "Report", "ScholarlyArticle", "TechArticle", "SatiricalArticle", "Review",
];

/// The `@type`s of JSON-LD objects that name a site or its owner.
const SITE_TYPES: &[&str] = &["WebSite", "NewsMediaOrganization", "Organization"];

/// What separates a headline from the site's name in a page's `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : "];

/// The longest author name read from a byline, in characters.
const MAX_BYLINE_CHARS: usize = 80;

/// How many JSON-LD values are looked at, at most, in one page.
const MAX_JSON_VALUES: usize = 20_000;

/// Reads the details a parsed page declares. `fallback_title` (the page's `<title>` or
/// first heading) is the title when no headline is declared.
pub(super) fn read_details(html: &Html, fallback_title: Option<&str>) -> Details {
    let declared = Declared::read(html);
    let outlet = declared.outlet();
    let url = declared.url();
    let title = declared
        .first(&["og:title", "twitter:title"])
        .or_else(|| {
            declared
                .article
                .as_ref()
                .and_then(|a| text_of(a.get("headline")))
        })
        .or_else(|| declared.first(&["dc.title", "dcterms.title", "title"]))
        .or_else(|| fallback_title.map(str::to_string))
        .map(|t| without_site_name(&t, outlet.as_deref(), url.as_deref(), &declared.h1));
    Details {
        title: title.filter(|t| !t.is_empty()),
        author: declared.author(),
        published: declared.published(),
        outlet,
        url,
    }
}

/// Everything a page declares, gathered in one pass over its elements.
#[derive(Default)]
struct Declared {
    /// `<meta>` tags as (lower-case name or property, content), in page order.
    meta: Vec<(String, String)>,
    /// The first JSON-LD object that describes an article, and the ones that name sites.
    article: Option<Value>,
    sites: Vec<Value>,
    /// Every JSON-LD object with an `@id`, to resolve references by.
    by_id: Vec<Value>,
    canonical: Option<String>,
    /// `<time datetime>` values: those marked as the publication time, then the others.
    times: Vec<String>,
    /// Author names from bylines (`rel=author`, `itemprop=author`, `class=byline`).
    bylines: Vec<String>,
    /// The text of the first `<h1>`.
    h1: Option<String>,
}

impl Declared {
    fn read(html: &Html) -> Declared {
        let mut declared = Declared::default();
        let mut json_values = 0;
        let mut marked_times = Vec::new();
        for element in html.root_element().descendent_elements() {
            let attr = |name| element.value().attr(name).map(str::trim);
            if is_html(&element, "meta") {
                let content = attr("content").map(collapse).unwrap_or_default();
                // A tag may name its content twice: `property` and `itemprop`.
                let keys = [attr("property").or_else(|| attr("name")), attr("itemprop")];
                for key in keys.into_iter().flatten() {
                    if !content.is_empty() {
                        declared
                            .meta
                            .push((key.to_ascii_lowercase(), content.clone()));
                    }
                }
            } else if is_html(&element, "script") {
                let is_json_ld =
                    attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                if is_json_ld {
                    let text: String = element.text().collect();
                    if let Some(value) = parse_json_ld(&text) {
                        declared.gather(value, &mut json_values);
                    }
                }
            } else if is_html(&element, "link") {
                let canonical = attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical && declared.canonical.is_none() {
                    declared.canonical = attr("href").map(str::to_string);
                }
            } else if is_html(&element, "time") {
                if let Some(datetime) = attr("datetime").filter(|d| !d.is_empty()) {
                    let marked = attr("itemprop").is_some_and(|p| p == "datePublished")
                        || element.value().attr("pubdate").is_some();
                    if marked {
                        marked_times.push(datetime.to_string());
                    } else {
                        declared.times.push(datetime.to_string());
                    }
                }
            } else if is_html(&element, "h1") && declared.h1.is_none() {
                let text = collapse(&element.text().collect::<String>());
                declared.h1 = (!text.is_empty()).then_some(text);
            }
            if let Some(name) = byline_name(&element) {
                declared.bylines.push(name);
            }
        }
        marked_times.append(&mut declared.times);
        declared.times = marked_times;
        declared
    }

    /// Files a JSON-LD value's objects: articles, sites, and anything with an `@id`.
    fn gather(&mut self, value: Value, budget: &mut usize) {
        let mut pending = vec![value];
        while let Some(value) = pending.pop() {
            *budget += 1;
            if *budget > MAX_JSON_VALUES {
                return;
            }
            match value {
                Value::Array(items) => pending.extend(items.into_iter().rev()),
                Value::Object(mut object) => {
                    if let Some(graph) = object.remove("@graph") {
                        pending.push(graph);
                    }
                    let value = Value::Object(object);
                    if self.article.is_none() && has_type(&value, ARTICLE_TYPES) {
                        self.article = Some(value.clone());
                    } else if has_type(&value, SITE_TYPES) {
                        self.sites.push(value.clone());
                    } else if let Some(main) = value.get("mainEntity") {
                        pending.push(main.clone());
                    }
                    if value.get("@id").is_some() {
                        self.by_id.push(value);
                    }
                }
                _ => {}
            }
        }
    }

    /// The content of the first meta tag with one of these names, in the order given.
    fn first(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| {
            self.meta
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, content)| content.clone())
        })
    }

    /// Every meta tag with this name.
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.meta
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, content)| content.as_str())
    }

    /// An object, or the object with the `@id` it refers to.
    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        let is_reference = value.as_object().is_some_and(|o| o.len() == 1);
        match value.get("@id").and_then(Value::as_str) {
            Some(id) if is_reference => self
                .by_id
                .iter()
                .find(|v| v.get("@id").and_then(Value::as_str) == Some(id))
                .unwrap_or(value),
            _ => value,
        }
    }

    fn outlet(&self) -> Option<String> {
        let publisher = self.article.as_ref().and_then(|a| a.get("publisher"));
        let publisher = publisher.map(|p| match p {
            Value::Array(list) => list.first().unwrap_or(p),
            _ => p,
        });
        let declared_site = |t| {
            self.sites
                .iter()
                .filter(|s| has_type(s, &[t]))
                .find_map(name_of)
        };
        self.all("og:site_name")
            .map(str::to_string)
            .chain(publisher.and_then(|p| name_of(self.resolve(p))))
            .chain(declared_site("WebSite"))
            .chain(declared_site("NewsMediaOrganization"))
            .chain(declared_site("Organization"))
            .chain(self.first(&[
                "application-name",
                "dc.publisher",
                "dcterms.publisher",
                "publisher",
                "cxenseparse:site",
            ]))
            .find(|name| !looks_like_address(name))
    }

    fn url(&self) -> Option<String> {
        let from_json = || {
            let article = self.article.as_ref()?;
            text_of(article.get("url")).or_else(|| {
                article
                    .get("mainEntityOfPage")
                    .and_then(|m| text_of(Some(m)).or_else(|| text_of(m.get("@id"))))
            })
        };
        self.canonical
            .clone()
            .or_else(|| self.first(&["og:url"]))
            .or_else(from_json)
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
    }

    fn author(&self) -> Option<String> {
        let mut names: Vec<String> = Vec::new();
        if let Some(author) = self.article.as_ref().and_then(|a| a.get("author")) {
            let list = match author {
                Value::Array(list) => list.iter().collect(),
                one => vec![one],
            };
            for author in list {
                let author = self.resolve(author);
                if let Some(name) = name_of(author).or_else(|| text_of(Some(author))) {
                    names.push(name);
                }
            }
        }
        if names.is_empty() {
            for name in ["author", "article:author", "dc.creator", "dcterms.creator"] {
                names.extend(self.all(name).map(str::to_string));
                if !names.is_empty() {
                    break;
                }
            }
        }
        if names.iter().all(|n| looks_like_address(n)) {
            names = self.bylines.clone();
        }
        let mut kept: Vec<String> = Vec::new();
        for name in names {
            let name = collapse(&name);
            let name = name.strip_prefix("By ").unwrap_or(&name).trim().to_string();
            let plausible = !name.is_empty()
                && name.chars().count() <= MAX_BYLINE_CHARS
                && !looks_like_address(&name);
            if plausible && !kept.iter().any(|k| k.eq_ignore_ascii_case(&name)) {
                kept.push(name);
            }
        }
        (!kept.is_empty()).then(|| kept.join(", "))
    }

    fn published(&self) -> Option<NaiveDate> {
        let from_json = self.article.as_ref().and_then(|a| {
            text_of(a.get("datePublished")).or_else(|| text_of(a.get("dateCreated")))
        });
        let from_meta = || {
            self.first(&[
                "article:published_time",
                "og:published_time",
                "og:article:published_time",
                "datepublished",
                "publishdate",
                "publish-date",
                "pubdate",
                "publication_date",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dcterms.issued",
                "dc.date",
                "dcterms.date",
                "dcterms.created",
                "date",
                "article.published",
                "article_date_original",
            ])
        };
        let written = from_json
            .into_iter()
            .chain(from_meta())
            .chain(self.times.iter().cloned())
            .find_map(|text| time_of(&text))?;
        Some(match written {
            Written::Day(day) => day,
            Written::Time(time) if time.offset().local_minus_utc() == 0 => match self.page_zone() {
                Some(zone) => time.with_timezone(&zone).date_naive(),
                None => time.date_naive(),
            },
            Written::Time(time) => time.date_naive(),
        })
    }

    /// The zone of the first time the page declares outside UTC.
    fn page_zone(&self) -> Option<FixedOffset> {
        let json_times = self.article.iter().flat_map(|a| {
            ["datePublished", "dateModified", "dateCreated"]
                .into_iter()
                .filter_map(|k| text_of(a.get(k)))
        });
        let meta_times = self
            .meta
            .iter()
            .filter(|(key, _)| key.contains("time") || key.contains("date"))
            .map(|(_, content)| content.clone());
        json_times
            .chain(meta_times)
            .chain(self.times.iter().cloned())
            .find_map(|text| match time_of(&text) {
                Some(Written::Time(time)) if time.offset().local_minus_utc() != 0 => {
                    Some(*time.offset())
                }
                _ => None,
            })
    }
}

/// A publication time as a page writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Day(NaiveDate),
    Time(DateTime<FixedOffset>),
}

/// Reads a declared date or time: ISO 8601 (with or without a time and a zone), RFC
/// 2822, or a day written out in English (`May 2, 2024`, `2 May 2024`).
fn time_of(text: &str) -> Option<Written> {
    let text = text.trim();
    let plausible = |day: NaiveDate| {
        use chrono::Datelike;
        (1990..=2100).contains(&day.year()).then_some(day)
    };
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return plausible(time.date_naive()).map(|_| Written::Time(time));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(time) = DateTime::parse_from_str(text, format) {
            return plausible(time.date_naive()).map(|_| Written::Time(time));
        }
    }
    if let Ok(time) = DateTime::parse_from_rfc2822(text) {
        return plausible(time.date_naive()).map(|_| Written::Time(time));
    }
    // As JavaScript writes a date: `Tue Nov 19 2019 03:05:46 GMT+0000`.
    if let Ok((time, _)) = DateTime::parse_and_remainder(text, "%a %b %d %Y %H:%M:%S GMT%z") {
        return plausible(time.date_naive()).map(|_| Written::Time(time));
    }
    // A day, maybe followed by a time without a zone: the day as written.
    let head = text.get(..10).unwrap_or(text);
    let ends_day = text.as_bytes().get(10).is_none_or(|b| !b.is_ascii_digit());
    if ends_day {
        for format in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(day) = NaiveDate::parse_from_str(head, format) {
                return plausible(day).map(Written::Day);
            }
        }
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(text, "%Y%m%d")
            .ok()
            .and_then(plausible)
            .map(Written::Day);
    }
    let words = text
        .trim_start_matches(|c: char| c.is_alphabetic())
        .trim_start_matches(',');
    for candidate in [text, words.trim()] {
        for format in [
            "%B %d, %Y",
            "%d %B %Y",
            "%b %d, %Y",
            "%d %b %Y",
            "%b. %d, %Y",
        ] {
            if let Ok((day, _)) = NaiveDate::parse_and_remainder(candidate, format) {
                return plausible(day).map(Written::Day);
            }
        }
    }
    None
}

/// Parses a JSON-LD script's text; pages wrap it in comments or CDATA now and then.
fn parse_json_ld(text: &str) -> Option<Value> {
    let text = text.trim();
    let text = text
        .strip_prefix("<!--")
        .and_then(|t| t.strip_suffix("-->"))
        .unwrap_or(text);
    let text = text
        .trim()
        .strip_prefix("//<![CDATA[")
        .and_then(|t| t.strip_suffix("//]]>"))
        .unwrap_or(text);
    serde_json::from_str(text.trim()).ok()
}

fn has_type(value: &Value, types: &[&str]) -> bool {
    let named = |t: &Value| {
        t.as_str().is_some_and(|t| {
            let t = t.rsplit('/').next().unwrap_or(t);
            types.contains(&t)
        })
    };
    match value.get("@type") {
        Some(Value::Array(list)) => list.iter().any(named),
        Some(one) => named(one),
        None => false,
    }
}

/// A string value, or the first string of a list, collapsed; `None` when empty.
fn text_of(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.as_str(),
        Value::Array(list) => return text_of(list.first()),
        _ => return None,
    };
    let text = collapse(text);
    (!text.is_empty()).then_some(text)
}

/// The `name` of a JSON-LD object, or a string value itself.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(_) => text_of(value.get("name")),
        _ => text_of(Some(value)),
    }
}

fn looks_like_address(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.")
}

/// An author's name from a byline element: `rel="author"`, `itemprop="author"` (or its
/// `name` inside), or a class or id that says byline or author.
fn byline_name(element: &ElementRef<'_>) -> Option<String> {
    let value = element.value();
    let rel = value.attr("rel").is_some_and(|r| r.contains("author"));
    let itemprop = value.attr("itemprop").is_some_and(|p| p == "author");
    let hinted = value.classes().chain(value.id()).any(|c| {
        let bytes = c.as_bytes();
        bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"byline"))
            || c.eq_ignore_ascii_case("author")
            || (bytes.len() >= 11 && bytes[bytes.len() - 11..].eq_ignore_ascii_case(b"author-name"))
    });
    if !(rel || itemprop || hinted) {
        return None;
    }
    let text = if itemprop {
        let name = element
            .descendent_elements()
            .find(|e| e.value().attr("itemprop") == Some("name"));
        name.map_or_else(
            || element.text().collect::<String>(),
            |n| {
                n.value()
                    .attr("content")
                    .map_or_else(|| n.text().collect(), str::to_string)
            },
        )
    } else {
        element.text().collect()
    };
    let text = collapse(&text);
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .unwrap_or(&text);
    let name = text.split([',', '|', '\n']).next().unwrap_or(text).trim();
    let words = name.split_whitespace().count();
    let plausible = (1..=5).contains(&words)
        && name.chars().count() <= MAX_BYLINE_CHARS
        && name.chars().next().is_some_and(char::is_uppercase);
    plausible.then(|| name.to_string())
}

/// A headline without the site's name that pages add before or after it in `<title>`:
/// " - BBC News", " | Site". A part is the site's name when it is the outlet, the
/// address's host, or when the other part is the page's `<h1>`.
fn without_site_name(
    title: &str,
    outlet: Option<&str>,
    url: Option<&str>,
    h1: &Option<String>,
) -> String {
    let title = collapse(title);
    let host = url
        .and_then(|u| u.split("//").nth(1))
        .and_then(|rest| rest.split('/').next())
        .map(|h| h.trim_start_matches("www."));
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let is_site = |part: &str, rest: &str| {
        let part = squash(part);
        if part.is_empty() {
            return false;
        }
        let outlet_match = outlet
            .map(squash)
            .is_some_and(|o| !o.is_empty() && (o.contains(&part) || part.contains(&o)));
        let host_match = host
            .map(squash)
            .is_some_and(|h| h.contains(&part) || part.contains(&h));
        let h1_match = h1.as_deref().is_some_and(|h| squash(h) == squash(rest));
        outlet_match || host_match || h1_match
    };
    for separator in TITLE_SEPARATORS {
        if let Some((rest, suffix)) = title.rsplit_once(separator)
            && is_site(suffix, rest)
        {
            return without_site_name(rest, outlet, url, h1);
        }
        if let Some((prefix, rest)) = title.split_once(separator)
            && is_site(prefix, rest)
        {
            return without_site_name(rest, outlet, url, h1);
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(page: &str) -> Details {
        let html = Html::parse_document(page);
        read_details(&html, super::super::html::page_title(&html).as_deref())
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn json_ld_articles_give_every_detail() {
        let page = r#"<html><head><title>Harbour strike ends - The Coastal Ledger</title>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","@id":"https://ledger.example/#site","name":"The Coastal Ledger"},
 {"@type":"Organization","@id":"https://ledger.example/#org","name":"Ledger Media Group"},
 {"@type":["NewsArticle"],"headline":"Harbour strike ends after nine days",
  "datePublished":"2025-03-14T22:40:00-05:00","publisher":{"@id":"https://ledger.example/#org"},
  "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Okafor"}],
  "mainEntityOfPage":{"@id":"https://ledger.example/news/harbour-strike"}}]}
</script></head><body><h1>Harbour strike ends after nine days</h1></body></html>"#;
        let d = details(page);
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour strike ends after nine days")
        );
        assert_eq!(d.outlet.as_deref(), Some("Ledger Media Group"));
        assert_eq!(d.author.as_deref(), Some("Ana Ruiz, Tom Okafor"));
        // Late in the evening in the page's zone: the day is the page's, not UTC's.
        assert_eq!(d.published, day(2025, 3, 14));
        assert_eq!(
            d.url.as_deref(),
            Some("https://ledger.example/news/harbour-strike")
        );
    }

    #[test]
    fn opengraph_and_meta_names_give_details() {
        let page = r#"<head>
<meta property="og:site_name" content="Northern Wire">
<meta property="og:title" content="Ferry talks resume | Northern Wire">
<meta property="article:published_time" content="2024-11-02T08:15:00+01:00">
<meta name="author" content="Lena Berg">
<link rel="canonical" href="https://wire.example/ferry-talks">
</head><body><p>x</p></body>"#;
        let d = details(page);
        assert_eq!(d.title.as_deref(), Some("Ferry talks resume"));
        assert_eq!(d.outlet.as_deref(), Some("Northern Wire"));
        assert_eq!(d.author.as_deref(), Some("Lena Berg"));
        assert_eq!(d.published, day(2024, 11, 2));
        assert_eq!(d.url.as_deref(), Some("https://wire.example/ferry-talks"));
    }

    #[test]
    fn a_site_name_that_is_an_address_gives_way_to_a_name() {
        let page = r#"<meta property="og:site_name" content="https://www.ledger.example">
<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"The Ledger"}}</script>
<meta property="article:published" itemprop="datePublished" content="2024-03-01">"#;
        let d = details(page);
        assert_eq!(d.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(d.published, day(2024, 3, 1));
    }

    #[test]
    fn a_utc_time_takes_the_zone_of_another_declared_time() {
        let page = r#"<head>
<meta property="article:published_time" content="2024-06-05T02:30:00Z">
<meta property="article:modified_time" content="2024-06-04T23:00:00-04:00">
</head>"#;
        assert_eq!(details(page).published, day(2024, 6, 4));
        let page = r#"<meta name="date" content="2024-06-05T02:30:00Z">"#;
        assert_eq!(details(page).published, day(2024, 6, 5));
    }

    #[test]
    fn times_and_bylines_serve_when_nothing_else_is_declared() {
        let page = r#"<title>Dam report published</title><body>
<p class="byline">By <a rel="author" href="/staff/ivo">Ivo Marsh</a>, Science desk</p>
<time datetime="2023-09-30">30 September</time><p>Text</p></body>"#;
        let d = details(page);
        assert_eq!(d.author.as_deref(), Some("Ivo Marsh"));
        assert_eq!(d.published, day(2023, 9, 30));
        assert_eq!(d.title.as_deref(), Some("Dam report published"));
        assert_eq!(d.outlet, None);
        assert_eq!(d.url, None);
    }

    #[test]
    fn dates_are_read_in_the_forms_pages_write() {
        for (text, expected) in [
            ("2024-05-02", day(2024, 5, 2)),
            ("2024-05-02T23:59:00+0300", day(2024, 5, 2)),
            ("2024-05-02 10:00:00", day(2024, 5, 2)),
            ("2024/05/02", day(2024, 5, 2)),
            ("20240502", day(2024, 5, 2)),
            ("Thu, 02 May 2024 10:00:00 GMT", day(2024, 5, 2)),
            ("Thu May 02 2024 23:05:46 GMT-0400 (EDT)", day(2024, 5, 2)),
            ("May 2, 2024", day(2024, 5, 2)),
            ("Thursday, 2 May 2024", day(2024, 5, 2)),
            ("yesterday", None),
            ("1850-01-01", None),
            ("2024-13-45", None),
        ] {
            let got = time_of(text).map(|w| match w {
                Written::Day(d) => d,
                Written::Time(t) => t.date_naive(),
            });
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        let cut = |t, o| without_site_name(t, o, None, &None);
        assert_eq!(
            cut("Strike ends - BBC News", Some("BBC News")),
            "Strike ends"
        );
        assert_eq!(cut("BBC News | Strike ends", Some("BBC")), "Strike ends");
        assert_eq!(cut("Left - right - Ledger", Some("Ledger")), "Left - right");
        // A dash inside the headline stays when the rest is not the site.
        assert_eq!(
            cut("Strike ends - for now", Some("Ledger")),
            "Strike ends - for now"
        );
        let h1 = Some("Strike ends".to_string());
        assert_eq!(
            without_site_name("Strike ends | Some Paper", None, None, &h1),
            "Strike ends"
        );
        let url = Some("https://www.ledger.example/a");
        assert_eq!(
            without_site_name("Strike ends | ledger.example", None, url, &None),
            "Strike ends"
        );
    }

    #[test]
    fn broken_json_ld_is_passed_over() {
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle",</script>
<script type="application/ld+json"><!-- {"@type":"NewsArticle","datePublished":"2022-01-03"} --></script>"#;
        assert_eq!(details(page).published, day(2022, 1, 3));
        let deep = format!(
            "<script type=\"application/ld+json\">{}</script>",
            "[".repeat(100_000)
        );
        assert_eq!(details(&deep), Details::default());
    }
}
