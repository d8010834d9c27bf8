//! Helpers for the library's unit tests.

/// `count` texts, each of up to `max_pieces` of `pieces` in a seeded pseudo-random order:
/// the same texts on every run, so a failure names a text that fails again.
pub fn random_texts(pieces: &[&str], max_pieces: u32, count: usize) -> Vec<String> {
    let mut seed = 7u32;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        seed
    };
    (0..count)
        .map(|_| {
            let len = next() % (max_pieces + 1);
            (0..len)
                .map(|_| pieces[(next() >> 16) as usize % pieces.len()])
                .collect()
        })
        .collect()
}

/// A seeded xorshift generator for randomised tests: the same numbers on every run.
pub struct Rng(u64);

impl Rng {
    /// `seed` must not be 0.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A number below `m` (which is above 0).
    pub fn below(&mut self, m: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % m
    }
}
