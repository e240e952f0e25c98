//! The comparison view driven headless through egui_kittest: the claims table's dates,
//! the actors table's counts, sources named one way, conflicts that list only the
//! sources that disagree, and the timeline's hover.

mod common;

use egui::{Event, Key, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Entity, EntityId, EntityKind, Project,
    Source, Tag,
};
use parallax::ui::prefs::Prefs;
use parallax::ui::timeline::{LANE, NAMES, RIGHT};
use parallax::ui::{ProjectFile, Workbench};

use common::{builder, key, pause, sid};

const PORT: &str = "The port said on Friday that it will not reopen the channel. Work should end in mid-June. The port thanked Ana Brink and Ana Brink again.";
const WIRE: &str = "The channel would stay shut on Wednesday, Ana Brink said.";

/// Tags `words` (the first time they occur) in `source` of `p`.
fn tag(p: &mut Project, source: &str, words: &str, tag: Tag) -> AnnotationId {
    tag_nth(p, source, words, 0, tag)
}

fn tag_nth(p: &mut Project, source: &str, words: &str, nth: usize, tag: Tag) -> AnnotationId {
    let s = p.source(&sid(source)).unwrap().clone();
    let (start, _) = s.text.as_str().match_indices(words).nth(nth).unwrap();
    let span = s.text.char_of(start)..s.text.char_of(start + words.len());
    let a = Annotation::new(AnnotationId::random(), &s, span, tag);
    let id = a.id.clone();
    p.annotations.insert(id.clone(), a);
    id
}

/// Two sources that both name Ana Brink and carry one claim, dated differently.
fn project() -> Project {
    let mut p = Project::new("Channel");
    let mut port = Source::new(sid("port"), "Channel to stay shut", PORT);
    port.outlet = "Port Authority".into();
    port.published = "2025-06-10".parse().ok();
    let mut wire = Source::new(sid("wire"), "Divers at work", WIRE);
    wire.outlet = "Northline Wire".into();
    wire.published = "2025-06-12".parse().ok();
    p.sources = vec![port, wire];
    let brink = Entity::new(
        EntityId::new("brink").unwrap(),
        "Ana Brink",
        EntityKind::Person,
    );
    p.entities.insert(brink.id.clone(), brink);
    let group = ClaimGroup::new(
        ClaimGroupId::new("channel").unwrap(),
        "The channel stays shut",
    );
    let claim = || Tag::Claim {
        group: Some(ClaimGroupId::new("channel").unwrap()),
        speaker: None,
        via: None,
        credibility: None,
    };
    p.claim_groups.insert(group.id.clone(), group);
    let date = |v: &str| Tag::Date {
        value: v.parse().ok(),
    };
    let actor = || Tag::Actor {
        entity: Some(EntityId::new("brink").unwrap()),
    };
    tag(
        &mut p,
        "port",
        "on Friday that it will not reopen the channel",
        claim(),
    );
    tag(&mut p, "port", "Friday", date("2025-06-13"));
    tag(&mut p, "port", "mid-June", date("2025-06-11/2025-06-20"));
    tag_nth(&mut p, "port", "Ana Brink", 0, actor());
    tag_nth(&mut p, "port", "Ana Brink", 1, actor());
    tag(
        &mut p,
        "wire",
        "The channel would stay shut on Wednesday",
        claim(),
    );
    tag(&mut p, "wire", "Wednesday", date("2025-06-11"));
    tag(&mut p, "wire", "Ana Brink", actor());
    p
}

fn on(project: Project) -> Harness<'static, Workbench> {
    let mut h = builder().build_ui_state(
        |ui, app: &mut Workbench| app.show(ui),
        Workbench::new(project, ProjectFile::default(), Prefs::default()),
    );
    h.run();
    key(&mut h, Key::F3);
    h
}

fn tab(h: &mut Harness<'_, Workbench>, name: &str) {
    h.get_by_label(name).click();
    h.run();
}

#[test]
fn the_actors_table_counts_each_sources_mentions() {
    let mut h = on(project());
    tab(&mut h, "Actors");
    h.get_by_label("2 mentions");
    h.get_by_label("1 mention");
    h.get_by_label("“Ana Brink” ×2");
    // Columns go by the outlet (here and in the annotations list below).
    assert!(h.get_all_by_label("Port Authority").count() >= 2);
    assert!(h.get_all_by_label("Northline Wire").count() >= 2);
}

#[test]
fn the_claims_table_shows_each_wordings_dates() {
    let mut h = on(project());
    tab(&mut h, "Claims");
    assert_eq!(
        h.get_all_by_label("Dates").count(),
        2,
        "the tab and the column"
    );
    h.get_by_label("2025-06-13 (Friday)");
    h.get_by_label("2025-06-11 (Wednesday)");
}

#[test]
fn a_conflict_names_the_sources_that_disagree_by_their_outlets() {
    let mut h = on(project());
    tab(&mut h, "Conflicts");
    h.get_by_label(
        "“The channel stays shut” is dated differently: Port Authority gives 2025-06-13 \
         (Friday); Northline Wire gives 2025-06-11 (Wednesday)",
    );
}

/// Points at `at` and lets the tooltip's delay (half a second) pass.
fn hover(h: &mut Harness<'_, Workbench>, at: Pos2) {
    h.event(Event::PointerMoved(at));
    h.run();
    pause(h);
    pause(h);
}

#[test]
fn the_timeline_says_what_a_dot_or_a_bar_is_on_hover() {
    let mut h = on(project());
    tab(&mut h, "Dates");
    h.get_by_label("2025-06-11/2025-06-20 (range)");
    let rect = h.get_by_label("Timeline of the dates").rect();
    // The axis runs from 10 June (a publication day) to 20 June.
    let (left, right) = (rect.min.x + NAMES, rect.max.x - RIGHT);
    let x = |day: f32| left + (day - 10.0) / 10.0 * (right - left);
    let lane = |n: f32| rect.min.y + LANE * n + LANE / 2.0;
    hover(&mut h, pos2(x(13.0), lane(0.0)));
    h.get_by_label("Port Authority: “Friday” — 2025-06-13 (day)");
    hover(&mut h, pos2(x(17.0), lane(0.0)));
    h.get_by_label("Port Authority: “mid-June” — 2025-06-11/2025-06-20 (range)");
    hover(&mut h, pos2(x(12.0), lane(1.0)));
    h.get_by_label("Northline Wire: published 2025-06-12");
}
