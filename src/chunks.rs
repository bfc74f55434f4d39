//! A vector in fixed-size chunks, for the batch's products and the report's results.
//!
//! Pushing never moves what is stored (a vector grown by doubling holds up to twice its
//! items for a moment, and a quarter more at rest), and the owner can take it apart chunk by
//! chunk: the report is built from the batch a chunk at a time, each chunk of the batch freed
//! as its results are made, so the two never both hold every product.

/// How many items a chunk holds (the CSV export renders a chunk as one block).
pub const CHUNK: usize = 4096;

/// Items in chunks of [`CHUNK`]; every chunk but the last is full.
#[derive(Debug, Clone)]
pub struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunks<T> {
    pub(crate) fn push(&mut self, x: T) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < CHUNK => c.push(x),
            _ => {
                let mut c = Vec::with_capacity(CHUNK);
                c.push(x);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flatten()
    }

    /// The items as slices, in order: every one but the last holds [`CHUNK`] items.
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = &[T]> + '_ {
        self.chunks.iter().map(Vec::as_slice)
    }

    /// The chunks, in order; every one but the last holds [`CHUNK`] items.
    pub(crate) fn into_chunks(self) -> Vec<Vec<T>> {
        self.chunks
    }

    /// Chunks made elsewhere, in order: every one but the last must hold [`CHUNK`] items.
    pub(crate) fn from_chunks(chunks: Vec<Vec<T>>) -> Chunks<T> {
        let n = chunks.len();
        assert!(
            chunks
                .iter()
                .take(n.saturating_sub(1))
                .all(|c| c.len() == CHUNK),
            "every chunk but the last is full"
        );
        let len = chunks.iter().map(Vec::len).sum();
        let mut chunks = chunks;
        if chunks.last().is_some_and(Vec::is_empty) {
            chunks.pop();
        }
        Chunks { chunks, len }
    }

    pub fn swap(&mut self, i: usize, j: usize) {
        let ((ci, ii), (cj, ij)) = ((i / CHUNK, i % CHUNK), (j / CHUNK, j % CHUNK));
        if ci == cj {
            self.chunks[ci].swap(ii, ij);
            return;
        }
        let (lo, hi) = (ci.min(cj), ci.max(cj));
        let (a, b) = self.chunks.split_at_mut(hi);
        let (x, y) = if ci < cj { (ii, ij) } else { (ij, ii) };
        std::mem::swap(&mut a[lo][x], &mut b[0][y]);
    }

    /// Keeps the items `keep` says yes to, in order (the chunks are made anew).
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut out = Chunks::default();
        for x in std::mem::take(self).chunks.into_iter().flatten() {
            if keep(&x) {
                out.push(x);
            }
        }
        *self = out;
    }
}

impl<T> FromIterator<T> for Chunks<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut out = Chunks::default();
        for x in iter {
            out.push(x);
        }
        out
    }
}

impl<'a, T> IntoIterator for &'a Chunks<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

impl<T> std::ops::Index<usize> for Chunks<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<T> std::ops::IndexMut<usize> for Chunks<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i / CHUNK][i % CHUNK]
    }
}

#[cfg(test)]
mod tests {
    use super::{CHUNK, Chunks};

    #[test]
    fn chunks_index_across_chunk_ends_and_come_apart_in_order() {
        let mut c = Chunks::default();
        let n = 2 * CHUNK + 3;
        for i in 0..n {
            c.push(i);
        }
        assert_eq!(c.len(), n);
        for i in [0, CHUNK - 1, CHUNK, 2 * CHUNK, n - 1] {
            assert_eq!(c[i], i);
            assert_eq!(c.get(i), Some(&i));
        }
        assert_eq!(c.get(n), None);
        assert!(c.iter().copied().eq(0..n));
        c[CHUNK] = 7;
        let chunks = c.into_chunks();
        assert_eq!(
            chunks.iter().map(Vec::len).collect::<Vec<_>>(),
            [CHUNK, CHUNK, 3]
        );
        assert_eq!(chunks[1][0], 7);
        assert_eq!(chunks.concat().len(), n);
    }

    /// Swaps within a chunk and across chunks, either way round, are a vector's swaps.
    #[test]
    fn chunks_swap_and_retain_as_a_vector_does() {
        let n = 2 * CHUNK + 10;
        let mut c: Chunks<usize> = (0..n).collect();
        let mut v: Vec<usize> = (0..n).collect();
        for (i, j) in [
            (0, 1),
            (5, CHUNK + 3),
            (2 * CHUNK + 9, 4),
            (CHUNK, CHUNK),
            (n - 1, 0),
        ] {
            c.swap(i, j);
            v.swap(i, j);
        }
        assert!(c.iter().eq(v.iter()));
        c.retain(|x| x % 2 == 0);
        v.retain(|x| x % 2 == 0);
        assert_eq!(c.len(), v.len());
        assert!(v.len() > CHUNK);
        assert!(c.iter().eq(v.iter()));
        assert!(c.blocks().all(|b| b.len() <= CHUNK));
        assert_eq!(c.blocks().next().map(<[usize]>::len), Some(CHUNK));
        let back = Chunks::from_chunks(c.clone().into_chunks());
        assert!(back.iter().eq(v.iter()));
    }
}
