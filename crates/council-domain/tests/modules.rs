//! The aggregates ask each other through their functions, and no circle of modules spans them: a
//! module that another one needs never needs that one back, directly or through others. Read from
//! the `crate::…` paths each top-level module's code names (its tests left out).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).expect("read src").map(|e| e.expect("entry").path()));
            continue;
        }
        let rel = path.strip_prefix(&src).expect("under src");
        let top = rel.components().next().expect("a file").as_os_str().to_string_lossy().replace(".rs", "");
        if top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let names = graph.entry(top.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let group = rest.strip_prefix('{').map(|g| g.split('}').next().unwrap_or_default());
                let heads: Vec<&str> = match group {
                    Some(group) => group.split(',').map(|p| p.trim().split("::").next().unwrap_or_default()).collect(),
                    None => vec![rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default()],
                };
                names.extend(heads.into_iter().filter(|h| !h.is_empty() && *h != top).map(str::to_owned));
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    graph.values_mut().for_each(|names| names.retain(|n| modules.contains(n)));
    graph
}

/// A path from `from` back to itself, if the graph has one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_owned(), vec![from.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == from {
                return Some([path.clone(), vec![from.to_owned()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_circle_of_modules_spans_the_aggregates() {
    let graph = graph();
    assert!(graph.contains_key("members") && graph.contains_key("grants"), "the source was read: {graph:?}");
    assert!(graph["grants"].contains("events"), "a grant reports on the events it pays for: {graph:?}");
    let circles: Vec<Vec<String>> = graph.keys().filter_map(|m| circle(&graph, m)).collect();
    assert!(
        circles.is_empty(),
        "modules that need each other (ask through a leaf such as `ids`, or move the use case up): {circles:?}"
    );
}
