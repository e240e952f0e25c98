//! Finding the article in a web page: the headline, standfirst, body paragraphs,
//! subheads, block quotes and list items, in reading order, without the page's furniture
//! (navigation, menus, share buttons, cookie and subscription notices, related links,
//! comments, advertisements, footers).
//!
//! The way of Mozilla's Readability and trafilatura: elements that are furniture by their
//! tag, role or class are set aside; every remaining paragraph of some length scores the
//! elements around it (more for longer text and more commas, less the farther up); an
//! element's score is weighed by its markup hints and by how much of its text is links;
//! the best element, with the siblings that score near it, holds the article; inside it,
//! paragraphs that are mostly links or sit in a block of links are left out.

use super::html::{Layout, Paragraph, words_in};

/// What counts as a paragraph of the article's body when scoring, in characters.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// Fewer words than this in what is found, and the page has no recognisable article.
const MIN_ARTICLE_WORDS: usize = 40;

/// Above this share of link text a paragraph or a block is taken for links.
const MAX_LINK_SHARE: f64 = 0.5;

/// A label (a heading, "Top video") has fewer words than this.
const MAX_LABEL_WORDS: usize = 8;

/// A copyright line is at most this long, in bytes.
const MAX_COPYRIGHT_BYTES: usize = 300;

/// How many levels above a paragraph its score reaches.
const SCORED_LEVELS: usize = 5;

/// Elements that hold a paragraph of their own, rather than hold paragraphs.
#[rustfmt::skip]
const PARAGRAPH_TAGS: &[&str] = &[
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
    "address", "summary", "caption", "legend", "figcaption",
];

/// Elements that are furniture whatever they hold.
#[rustfmt::skip]
const FURNITURE_TAGS: &[&str] = &[
    "nav", "aside", "footer", "button", "menu", "dialog", "figcaption", "input",
    "label", "textarea", "option",
];

/// ARIA roles of furniture.
#[rustfmt::skip]
const FURNITURE_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog",
    "search", "menu", "menubar", "toolbar", "alert", "tablist",
];

/// The beginnings of words in a class or id that mark furniture, even beside a word
/// that names the article (`article-share`, `post-comments`).
#[rustfmt::skip]
const FURNITURE_WORDS: &[&str] = &[
    "share", "sharing", "social", "cookie", "consent", "gdpr", "newsletter", "subscribe",
    "subscription", "signup", "comment", "disqus", "related", "recommend", "promo",
    "advert", "sponsor", "popup", "modal", "outbrain", "taboola", "trending", "mostread",
    "mostpopular", "skiplink", "login", "caption", "credit", "byline", "dateline",
    "timestamp", "tags", "keywords", "print", "rss", "follow", "copyright", "disclaimer",
    "teaser",
];

/// The beginnings of words in a class or id that mark the furniture of a page's layout,
/// unless a word beside them names the article (`content-with-sidebar`).
#[rustfmt::skip]
const LAYOUT_WORDS: &[&str] = &[
    "sidebar", "footer", "navbar", "nav", "menu", "popular", "pagination",
    "toolbar", "widget", "masthead", "banner", "breadcrumb", "topics",
];

/// Words in a class or id that are furniture only as a whole word.
const FURNITURE_EXACT: &[&str] = &["ad", "ads", "adv", "dfp", "bio", "meta", "pager"];

/// Whole class names that hide an element, or show it to screen readers only.
#[rustfmt::skip]
const HIDING_CLASSES: &[&str] = &[
    "hidden", "hide", "d-none", "sr-only", "visually-hidden", "screen-reader-text",
    "visuallyhidden", "offscreen",
];

/// The beginnings of words in a class or id that mark the article itself.
#[rustfmt::skip]
const CONTENT_WORDS: &[&str] = &[
    "article", "story", "content", "entry", "post", "body", "main", "text", "blog",
    "hentry", "prose", "news",
];

/// Paragraphs that stand in articles as furniture, compared in lower case.
#[rustfmt::skip]
const FURNITURE_LINES: &[&str] = &[
    "advertisement", "advertisement:", "story continues below advertisement",
    "continue reading below", "scroll to continue with content", "read more",
    "share this article", "share", "related", "related articles", "related stories",
];

/// The article's paragraphs as indices into `layout.paragraphs`, in reading order; `None`
/// when the page has no recognisable article.
pub(super) fn find(layout: &Layout<'_>) -> Option<Vec<usize>> {
    let page = Page::measure(layout);
    let best = page.best_element()?;
    let region = page.region(best);
    let kept: Vec<usize> = (0..layout.paragraphs.len())
        .filter(|&i| {
            let paragraph = &layout.paragraphs[i];
            page.root_in(&region, paragraph.block)
                .is_some_and(|root| page.keeps(paragraph, root))
        })
        .collect();
    let words: usize = kept.iter().map(|&i| layout.paragraphs[i].words).sum();
    let mut kept = (words >= MIN_ARTICLE_WORDS).then_some(kept)?;
    // Labels after the last sentence ("Top video", "Don't miss") head nothing.
    while let Some(&last) = kept.last()
        && kept.len() > 1
        && is_label(&layout.paragraphs[last].text)
    {
        kept.pop();
    }
    if let Some(headline) = page.headline_before(kept[0]) {
        kept.insert(0, headline);
    }
    Some(kept)
}

/// What is measured of every element of a page.
struct Page<'l, 'a> {
    layout: &'l Layout<'a>,
    /// Furniture by its own markup or an ancestor's.
    furniture: Vec<bool>,
    /// How many elements follow each one inside it (its descendants).
    descendants: Vec<usize>,
    /// Characters of text and of link text in the paragraphs inside each element,
    /// furniture left out.
    chars: Vec<usize>,
    link_chars: Vec<usize>,
    /// The score the paragraphs inside each element give it.
    score: Vec<f64>,
    /// Each element's score as a holder of the article: what its paragraphs gave it,
    /// weighed by its markup and by how little of its text is links.
    weighed: Vec<f64>,
}

impl<'l, 'a> Page<'l, 'a> {
    fn measure(layout: &'l Layout<'a>) -> Self {
        let n = layout.elements.len();
        let mut descendants = vec![0; n];
        let mut all_chars = vec![0; n];
        for paragraph in &layout.paragraphs {
            all_chars[paragraph.block] += paragraph.text.len();
        }
        for i in (0..n).rev() {
            if let Some(parent) = layout.elements[i].parent {
                descendants[parent] += descendants[i] + 1;
                all_chars[parent] += all_chars[i];
            }
        }
        let page_chars = all_chars.first().copied().unwrap_or(0);
        let mut furniture = vec![false; n];
        for (i, placed) in layout.elements.iter().enumerate() {
            let inherited = placed.parent.is_some_and(|p| furniture[p]);
            let holds_most = all_chars[i] * 2 > page_chars;
            furniture[i] = inherited || is_furniture(placed.element, holds_most);
        }
        let mut chars = vec![0; n];
        let mut link_chars = vec![0; n];
        let mut score = vec![0.0; n];
        for paragraph in &layout.paragraphs {
            if furniture[paragraph.block] {
                continue;
            }
            let length = paragraph.chars;
            chars[paragraph.block] += length;
            link_chars[paragraph.block] += paragraph.link_chars;
            if length < MIN_PARAGRAPH_CHARS || link_share(paragraph) > MAX_LINK_SHARE {
                continue;
            }
            let commas = paragraph.text.matches([',', '،', '，', '、']).count();
            let points = 1.0 + commas as f64 + (length as f64 / 100.0).min(3.0);
            // Text loose in a container (a `<div>` with line breaks) scores the container.
            let block = &layout.elements[paragraph.block];
            let mut at = if PARAGRAPH_TAGS.contains(&block.element.name()) {
                block.parent
            } else {
                Some(paragraph.block)
            };
            for level in 0..SCORED_LEVELS {
                let Some(element) = at else { break };
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    _ => level as f64 * 3.0,
                };
                score[element] += points / divider;
                at = layout.elements[element].parent;
            }
        }
        for i in (0..n).rev() {
            if let Some(parent) = layout.elements[i].parent {
                chars[parent] += chars[i];
                link_chars[parent] += link_chars[i];
            }
        }
        let weighed = (0..n)
            .map(|i| {
                let element = layout.elements[i].element;
                let links = link_chars[i] as f64 / chars[i].max(1) as f64;
                (score[i] + tag_weight(element.name()) + class_weight(element)) * (1.0 - links)
            })
            .collect();
        Page {
            layout,
            furniture,
            descendants,
            chars,
            link_chars,
            score,
            weighed,
        }
    }

    fn contains(&self, ancestor: usize, element: usize) -> bool {
        (ancestor..=ancestor + self.descendants[ancestor]).contains(&element)
    }

    fn link_share(&self, element: usize) -> f64 {
        self.link_chars[element] as f64 / self.chars[element].max(1) as f64
    }

    fn weighed(&self, element: usize) -> f64 {
        self.weighed[element]
    }

    /// The element that best holds the article.
    fn best_element(&self) -> Option<usize> {
        (0..self.layout.elements.len())
            .filter(|&i| self.score[i] > 0.0 && !self.furniture[i])
            .max_by(|&a, &b| self.weighed(a).total_cmp(&self.weighed(b)))
    }

    /// The best element, those of its siblings that hold more of the article, and other
    /// chunks of the article elsewhere (elements of the same class that score near it),
    /// in page order.
    fn region(&self, best: usize) -> Vec<usize> {
        let Some(parent) = self.layout.elements[best].parent else {
            return vec![best];
        };
        let top = self.weighed(best);
        let threshold = (top * 0.2).max(10.0);
        let best_class = self.layout.elements[best].element.attr("class");
        let mut region = Vec::new();
        let mut child = parent + 1;
        while child <= parent + self.descendants[parent] {
            let element = self.layout.elements[child].element;
            let same_class = best_class.is_some() && element.attr("class") == best_class;
            let bonus = if same_class { top * 0.2 } else { 0.0 };
            let joins = child == best
                || (!self.furniture[child]
                    && (self.weighed(child) + bonus >= threshold || self.reads_as_prose(child)));
            if joins {
                region.push(child);
            }
            child += self.descendants[child] + 1;
        }
        // The siblings are in page order; chunks are looked for outside them.
        let siblings = region.clone();
        let mut element = 0;
        while element < self.layout.elements.len() {
            if siblings.binary_search(&element).is_ok() {
                element += self.descendants[element] + 1;
                continue;
            }
            let chunk = !self.furniture[element]
                && !self.contains(element, best)
                && best_class.is_some()
                && self.layout.elements[element].element.attr("class") == best_class
                && self.weighed(element) >= threshold;
            if chunk {
                region.push(element);
                element += self.descendants[element];
            }
            element += 1;
        }
        region.sort_unstable();
        region
    }

    /// The element of a region (in page order) that holds `element`, if one does.
    fn root_in(&self, region: &[usize], element: usize) -> Option<usize> {
        let after = region.partition_point(|&r| r <= element);
        let root = *region.get(after.checked_sub(1)?)?;
        self.contains(root, element).then_some(root)
    }

    /// A sibling paragraph of the article's body: long with few links, or a short
    /// sentence without any.
    fn reads_as_prose(&self, element: usize) -> bool {
        if self.layout.elements[element].element.name() != "p" {
            return false;
        }
        let chars = self.chars[element];
        let share = self.link_share(element);
        (chars > 80 && share < 0.25) || (chars > 0 && share == 0.0)
    }

    /// Whether a paragraph inside `root`, an element of the article's region, is kept:
    /// not furniture, not mostly links, not inside a block of links, not a line of
    /// furniture.
    fn keeps(&self, paragraph: &Paragraph, root: usize) -> bool {
        if self.furniture[paragraph.block]
            || paragraph.date_line
            || link_share(paragraph) > MAX_LINK_SHARE
            || is_furniture_line(&paragraph.text)
        {
            return false;
        }
        let mut at = Some(paragraph.block);
        while let Some(element) = at
            && element > root
        {
            let name = self.layout.elements[element].element.name();
            let is_group = matches!(name, "ul" | "ol" | "div" | "section" | "table" | "dl");
            if is_group && self.link_share(element) > MAX_LINK_SHARE {
                return false;
            }
            at = self.layout.elements[element].parent;
        }
        true
    }

    /// The page's headline (its `<h1>` paragraph) when it comes before the article's
    /// first paragraph and outside furniture.
    fn headline_before(&self, first: usize) -> Option<usize> {
        (0..first).rev().find(|&i| {
            let block = self.layout.paragraphs[i].block;
            self.layout.elements[block].element.name() == "h1" && !self.furniture[block]
        })
    }
}

/// A short line that does not end as a sentence does: a heading or a label.
fn is_label(text: &str) -> bool {
    let ends_sentence = text
        .trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '…', '。', '」']);
    words_in(text) < MAX_LABEL_WORDS && !ends_sentence
}

/// A line that articles carry as furniture: "Advertisement", "Read more", a copyright.
fn is_furniture_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    let copyright = lower.starts_with("copyright") || lower.starts_with('©');
    FURNITURE_LINES.contains(&lower.trim_end_matches(['.', ':', '…']))
        || (copyright && text.len() < MAX_COPYRIGHT_BYTES)
}

fn link_share(paragraph: &Paragraph) -> f64 {
    paragraph.link_chars as f64 / paragraph.chars.max(1) as f64
}

/// The words of a class or id: `article-share__bar` and `shareBar` both hold `share`.
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a word of a class begins with one of `beginnings`, in any case.
fn begins(word: &str, beginnings: &[&str]) -> bool {
    beginnings.iter().any(|b| {
        word.len() >= b.len() && word.as_bytes()[..b.len()].eq_ignore_ascii_case(b.as_bytes())
    })
}

fn is_furniture_name(name: &str) -> bool {
    let exact = |w: &str| FURNITURE_EXACT.iter().any(|e| w.eq_ignore_ascii_case(e));
    HIDING_CLASSES.iter().any(|h| name.eq_ignore_ascii_case(h))
        || words(name).any(|w| exact(w) || begins(w, FURNITURE_WORDS))
        || (words(name).any(|w| begins(w, LAYOUT_WORDS)) && !is_content_name(name))
}

fn is_content_name(name: &str) -> bool {
    words(name).any(|w| begins(w, CONTENT_WORDS))
}

/// Whether an element is furniture by its tag, role, visibility, or by a class or id
/// that names furniture; not by its class when another class names the article
/// (`main-content has-sidebar`) or when it `holds_most` of the page's text
/// (`content-with-sidebar`), while `article-share` is the article's share bar.
fn is_furniture(element: &scraper::node::Element, holds_most: bool) -> bool {
    let name = element.name();
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if FURNITURE_TAGS.contains(&name) {
        return true;
    }
    let role = element.attr("role").unwrap_or_default();
    if FURNITURE_ROLES.contains(&role.trim()) || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    let style = element
        .attr("style")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let style: String = style.split_ascii_whitespace().collect();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    let names = || element.classes().chain(element.id());
    !holds_most
        && names().any(is_furniture_name)
        && !names().any(|n| is_content_name(n) && !is_furniture_name(n))
}

/// A hint of the tag: a container of paragraphs, a paragraph, a list, a heading.
fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// A markup hint: the classes, the id and an `itemprop` that name the article, or
/// furniture; each counts once.
fn class_weight(element: &scraper::node::Element) -> f64 {
    let mut weight = 0.0;
    if element
        .attr("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        weight += 50.0;
    }
    let weigh = |names: &mut dyn Iterator<Item = &str>| {
        let (mut furniture, mut content) = (false, false);
        for name in names {
            let is_furniture = is_furniture_name(name);
            furniture |= is_furniture;
            content |= !is_furniture && is_content_name(name);
        }
        f64::from(i8::from(content) - i8::from(furniture)) * 25.0
    };
    weight + weigh(&mut element.classes()) + weigh(&mut element.id().into_iter())
}

#[cfg(test)]
mod tests {
    use super::super::html::{parse, read_layout};
    use super::*;

    fn article(page: &str) -> Option<String> {
        let html = parse(page).unwrap();
        let layout = read_layout(html.root_element());
        let kept = find(&layout)?;
        Some(super::super::html::join(
            kept.iter().map(|&i| &layout.paragraphs[i]),
        ))
    }

    const BODY: &str = "The council voted on Tuesday, after a long debate, to reopen the \
                        old harbour bridge to buses, cyclists and people on foot.";

    fn body(n: usize) -> String {
        (1..=n).map(|i| format!("<p>{i}. {BODY}</p>")).collect()
    }

    #[test]
    fn the_article_is_kept_and_the_furniture_left_out() {
        let page = format!(
            r#"<body><header><a href="/">Home</a><nav><a href="/w">World</a> <a href="/s">Sport</a></nav></header>
<div id="cookie-banner"><p>We use cookies to improve your experience, as you would expect.</p></div>
<main><article><h1>Bridge to reopen</h1><p class="standfirst">Buses first, then cars, the council says.</p>
<div class="share-bar"><a href="/s">Share on social media, by mail, anywhere you like</a></div>
{}<h2>What comes next</h2>{}<blockquote>We listened, and we agree, said the mayor.</blockquote>
<aside class="related"><ul><li><a href="/a">Another story about bridges, harbours and ferries</a></li></ul></aside>
<p>Advertisement</p></article></main>
<section id="comments"><p>First comment, which says a lot, at length, about nothing.</p></section>
<footer><p>© The Harbour Post, all rights reserved, every one of them.</p></footer></body>"#,
            body(3),
            body(2)
        );
        let text = article(&page).unwrap();
        assert!(
            text.starts_with("Bridge to reopen\n\nBuses first, then cars"),
            "{text}"
        );
        assert!(text.contains("\n\nWhat comes next\n\n"), "{text}");
        assert!(text.ends_with("said the mayor."), "{text}");
        for furniture in [
            "Home",
            "World",
            "cookies",
            "Share on",
            "Another story",
            "Advertisement",
            "First comment",
            "rights reserved",
        ] {
            assert!(!text.contains(furniture), "{furniture} in {text}");
        }
    }

    #[test]
    fn a_page_without_an_article_has_none() {
        let links: String = (0..30)
            .map(|i| format!("<li><a href=\"/{i}\">Section number {i} of the site map</a></li>"))
            .collect();
        assert_eq!(article(&format!("<ul>{links}</ul>")), None);
        assert_eq!(article("<p>Just a short line.</p>"), None);
        assert_eq!(article(""), None);
    }

    #[test]
    fn a_content_class_keeps_a_container_named_also_for_furniture() {
        let page = format!(r#"<div class="main-content has-sidebar">{}</div>"#, body(4));
        assert!(article(&page).unwrap().contains("4. The council"));
        assert!(is_furniture_name("article-share"));
        assert!(is_furniture_name("shareBar") && is_furniture_name("ad"));
        assert!(!is_furniture_name("header") && !is_furniture_name("address"));
    }
}
