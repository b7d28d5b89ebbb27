//! Sorting the engine's short lists (programs, question indices, JSON keys: a few dozen items
//! at most).
//!
//! The standard library's sorts are compiled once per item type and comparison; this insertion
//! sort is much smaller and, on lists this short, as fast
//! (docs/decisions/005-hand-written-json-and-sort.md).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order), like `slice::sort_by`.
pub(crate) fn sort_few_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Every list of up to 7 items from 4 values, each item tagged with its position so
        // that stability shows.
        for len in 0..=7u32 {
            for code in 0..4u32.pow(len) {
                let items: Vec<(u32, u32)> =
                    (0..len).map(|i| (code / 4u32.pow(i) % 4, i)).collect();
                let mut ours = items.clone();
                sort_few_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = items;
                std.sort_by_key(|item| item.0);
                assert_eq!(ours, std);
            }
        }
    }
}
