//! Helpers shared by the core's unit tests, and its one source of shuffles.

/// Fixed-seed xorshift: random inputs, and the ordering's shuffled starts, that are the
/// same on every run.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
