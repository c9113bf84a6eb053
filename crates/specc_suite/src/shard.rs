//! One slice of a run (#scale): `specc test --shard K/N` sends only the
//! cases whose ID hashes to slice K of N, so N machines (a CI matrix, a
//! Kubernetes Indexed Job) share a run and `specc merge` joins their results.
//!
//! A case's slice depends on its ID alone (xxh3, seed 0), never on its
//! position: adding or removing a case elsewhere in the spec moves no other
//! case to another shard.

use std::fmt;
use xxhash_rust::xxh3::xxh3_64;

/// Slice `index` (1-based, as `--shard 2/3` is written) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shard {
    index: u32,
    count: u32,
}

/// A shard that cannot be: `--shard 0/3`, `4/3`, `x/y`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error("`{0}` is not a shard: write K/N, such as 2/3 (slice 2 of 3)")]
    Syntax(String),
    #[error("shard {index}/{count} does not exist: K runs from 1 to N")]
    OutOfRange { index: u64, count: u64 },
    #[error("a run cannot be split into 0 shards")]
    ZeroCount,
}

impl Shard {
    /// Slice `index` of `count`, both 1-based.
    pub fn new(index: u32, count: u32) -> Result<Shard, ShardError> {
        if count == 0 {
            return Err(ShardError::ZeroCount);
        }
        if index == 0 || index > count {
            return Err(ShardError::OutOfRange {
                index: index.into(),
                count: count.into(),
            });
        }
        Ok(Shard { index, count })
    }

    /// The shard of a Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` counts
    /// from 0.
    pub fn from_completion_index(completion_index: u32, count: u32) -> Result<Shard, ShardError> {
        match completion_index.checked_add(1) {
            Some(index) => Shard::new(index, count),
            None => Err(ShardError::OutOfRange {
                index: u64::from(completion_index) + 1,
                count: count.into(),
            }),
        }
    }

    pub fn index(self) -> u32 {
        self.index
    }

    pub fn count(self) -> u32 {
        self.count
    }

    /// Whether this slice holds the case with this ID.
    pub fn contains(self, case_id: &str) -> bool {
        slice_of(case_id, self.count) == self.index
    }
}

/// The slice (1-based) a case ID falls in when a run is cut in `count`.
pub fn slice_of(case_id: &str, count: u32) -> u32 {
    (xxh3_64(case_id.as_bytes()) % u64::from(count.max(1))) as u32 + 1
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl std::str::FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let (k, n) = s
            .trim()
            .split_once('/')
            .ok_or_else(|| ShardError::Syntax(s.to_string()))?;
        let parse = |t: &str| t.trim().parse::<u64>().map_err(|_| ShardError::Syntax(s.to_string()));
        let (k, n) = (parse(k)?, parse(n)?);
        if n == 0 {
            return Err(ShardError::ZeroCount);
        }
        let (Ok(k32), Ok(n32)) = (u32::try_from(k), u32::try_from(n)) else {
            return Err(ShardError::OutOfRange { index: k, count: n });
        };
        Shard::new(k32, n32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn parses_k_of_n_and_refuses_what_cannot_be() {
        assert_eq!("2/3".parse::<Shard>(), Shard::new(2, 3));
        assert_eq!(" 1 / 1 ".parse::<Shard>().unwrap().to_string(), "1/1");
        assert_eq!(
            "0/3".parse::<Shard>(),
            Err(ShardError::OutOfRange { index: 0, count: 3 })
        );
        assert_eq!(
            "4/3".parse::<Shard>(),
            Err(ShardError::OutOfRange { index: 4, count: 3 })
        );
        assert_eq!("1/0".parse::<Shard>(), Err(ShardError::ZeroCount));
        assert!(matches!("2".parse::<Shard>(), Err(ShardError::Syntax(_))));
        assert!(matches!("a/b".parse::<Shard>(), Err(ShardError::Syntax(_))));
        assert!(matches!("-1/3".parse::<Shard>(), Err(ShardError::Syntax(_))));
        assert_eq!(Shard::from_completion_index(0, 3), Shard::new(1, 3));
        assert_eq!(Shard::from_completion_index(2, 3), Shard::new(3, 3));
        assert!(Shard::from_completion_index(3, 3).is_err());
    }

    #[test]
    fn a_case_keeps_its_slice_whatever_else_the_spec_holds() {
        // Pinned: a change to the hash would move every case of a running
        // matrix to another shard.
        let slices: Vec<u32> = ["a1b2:refund", "c3d4:greeting", "x9y8:precedent-1", "k2w9:tone"]
            .iter()
            .map(|id| slice_of(id, 5))
            .collect();
        assert_eq!(slices, [4, 1, 4, 3]);
        assert_eq!(slice_of("a1b2:refund", 1), 1);
    }

    proptest! {
        /// For any set of case IDs and N in 1..8, the N slices are disjoint
        /// and together hold every case.
        #[test]
        fn slices_are_disjoint_and_cover_every_case(
            ids in proptest::collection::hash_set("[a-z0-9]{4}:[a-z0-9-]{1,20}", 0..300),
            n in 1u32..8,
        ) {
            let shards: Vec<Shard> = (1..=n).map(|k| Shard::new(k, n).unwrap()).collect();
            let mut seen = HashSet::new();
            for id in &ids {
                let holders: Vec<&Shard> = shards.iter().filter(|s| s.contains(id)).collect();
                prop_assert_eq!(holders.len(), 1, "{} is in {} shards", id, holders.len());
                seen.insert(id.clone());
            }
            prop_assert_eq!(seen, ids.clone());
        }
    }
}
