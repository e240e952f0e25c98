//! A full comparison of a project opened from its file, and serde_json reading the same
//! annotations in the same run as a baseline (touching every annotation once).

use std::time::Instant;

use parallax::compare::Comparison;

use crate::median;
use crate::synthetic;

/// `scale` eighths of a compared project of `sources` sources: 100,000 annotations and
/// 10 MB of text at 8, linked to `entities` entities and `claim_groups` claim groups.
pub fn size(scale: usize, sources: usize, entities: usize, claim_groups: usize) -> synthetic::Size {
    synthetic::Size {
        sources,
        chars_per_source: 1_250_000 * scale / sources,
        annotations: 12_500 * scale,
        entities,
        claim_groups,
        one_paragraph: false,
    }
}

/// The medians of building the comparison and of the JSON baseline, in milliseconds.
pub fn measure(size: synthetic::Size, runs: usize) -> (f64, f64) {
    let generated = synthetic::project(11, size);
    let file = std::path::Path::new("synthetic.ron");
    // The project as the window holds it: opened from its file.
    let project = parallax::store::from_ron(&parallax::store::to_ron(&generated), file)
        .expect("a synthetic project loads")
        .project;
    drop(generated);
    let json = serde_json::to_string(&project.annotations.values().collect::<Vec<_>>())
        .expect("annotations write as JSON");
    let (mut compare, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let started = Instant::now();
        let comparison = Comparison::build(&project);
        compare.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!comparison.claims.is_empty());
        drop(comparison);
        let started = Instant::now();
        let parsed: Vec<parallax::model::Annotation> =
            serde_json::from_str(&json).expect("the JSON reads back");
        baseline.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(parsed.len(), project.annotations.len());
    }
    (median(compare), median(baseline))
}
