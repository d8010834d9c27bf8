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
