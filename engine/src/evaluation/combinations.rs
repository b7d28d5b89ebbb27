//! Every combination of one item from each of several lists: the engine tries answers to
//! several questions together this way (deciding the next question, lint, counterfactuals).

/// How many combinations there are, or `None` if more than `u64` can count.
#[cfg(any(test, feature = "authoring"))]
pub(crate) fn count<T>(lists: &[Vec<T>]) -> Option<u64> {
    lists
        .iter()
        .try_fold(1u64, |acc, list| acc.checked_mul(list.len() as u64))
}

/// Calls `f` with each combination, the first list changing fastest, until `f` returns true.
/// Returns whether it did. With no lists there is one, empty, combination.
pub(crate) fn until<T: Copy>(lists: &[Vec<T>], mut f: impl FnMut(&[T]) -> bool) -> bool {
    if lists.iter().any(Vec::is_empty) {
        return false;
    }
    let mut pick = vec![0usize; lists.len()];
    let mut choice: Vec<T> = lists.iter().map(|l| l[0]).collect();
    loop {
        if f(&choice) {
            return true;
        }
        // Next combination, like counting with mixed radices.
        let mut slot = 0;
        loop {
            if slot == lists.len() {
                return false;
            }
            pick[slot] += 1;
            if pick[slot] < lists[slot].len() {
                choice[slot] = lists[slot][pick[slot]];
                break;
            }
            pick[slot] = 0;
            choice[slot] = lists[slot][0];
            slot += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_comes_once_until_told_to_stop() {
        let lists = vec![vec![1, 2], vec![10, 20, 30]];
        assert_eq!(count(&lists), Some(6));
        let mut seen = Vec::new();
        assert!(!until(&lists, |c| {
            seen.push(c.to_vec());
            false
        }));
        assert_eq!(
            seen,
            [[1, 10], [2, 10], [1, 20], [2, 20], [1, 30], [2, 30]].map(|c| c.to_vec())
        );
        let mut tried = 0;
        assert!(until(&lists, |c| {
            tried += 1;
            c == [1, 20]
        }));
        assert_eq!(tried, 3);
        assert!(until(&Vec::<Vec<u8>>::new(), |c| c.is_empty()));
        assert!(!until(&[vec![1], vec![]], |_| true));
    }
}
