//! Compact storage for what a batch keeps of each product: its text fields packed in an
//! append-only arena, and its running sums in a slab, so that memory grows by a few hundred
//! bytes per product and never by row.

/// Text fields of one record are joined with this separator (control characters are refused
/// in text fields, so it cannot occur inside one).
pub const SEP: char = '\u{1f}';

const CHUNK_BITS: u32 = 20;
const CHUNK: usize = 1 << CHUNK_BITS;
const MAX_CHUNKS: usize = 1 << (32 - CHUNK_BITS);

/// Where a string is in an [`Arena`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pos: u32,
    len: u32,
}

/// Append-only strings in 1 MiB chunks (no reallocation of what is stored).
#[derive(Debug, Default)]
pub struct Arena {
    chunks: Vec<String>,
}

/// The arena is full (4 GiB of distinct product text).
#[derive(Debug, Clone, Copy)]
pub struct ArenaFull;

impl Arena {
    /// Stores `fields` joined with [`SEP`].
    pub fn push(&mut self, fields: &[&str]) -> Result<Span, ArenaFull> {
        let len: usize =
            fields.iter().map(|f| f.len()).sum::<usize>() + fields.len().saturating_sub(1);
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.capacity() - c.len() >= len && c.len() + len <= CHUNK);
        if !fits {
            if self.chunks.len() >= MAX_CHUNKS {
                return Err(ArenaFull);
            }
            self.chunks.push(String::with_capacity(len.max(CHUNK)));
        }
        let index = self.chunks.len() - 1;
        let chunk = self.chunks.last_mut().expect("a chunk");
        let start = chunk.len();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                chunk.push(SEP);
            }
            chunk.push_str(f);
        }
        let len = u32::try_from(len).map_err(|_| ArenaFull)?;
        Ok(Span {
            pos: ((index as u32) << CHUNK_BITS) | start as u32,
            len,
        })
    }

    pub fn get(&self, s: Span) -> &str {
        let chunk = &self.chunks[(s.pos >> CHUNK_BITS) as usize];
        let start = (s.pos & (CHUNK as u32 - 1)) as usize;
        &chunk[start..start + s.len as usize]
    }

    /// Field `i` of a record (empty if the record has fewer fields).
    pub fn field(&self, s: Span, i: usize) -> &str {
        let record = self.get(s);
        let bytes = record.as_bytes();
        let mut start = 0;
        for (k, end) in memchr::memchr_iter(SEP as u8, bytes)
            .chain([bytes.len()])
            .enumerate()
        {
            if k == i {
                // The separator is ASCII, so these are character boundaries.
                return &record[start..end];
            }
            start = end + 1;
        }
        ""
    }

    pub fn bytes(&self) -> usize {
        self.chunks.iter().map(String::capacity).sum()
    }
}

const SLAB_BITS: u32 = 16;
const SLAB: usize = 1 << SLAB_BITS;

/// Runs of `u16` counters in fixed chunks (no reallocation of what is stored).
#[derive(Debug, Default)]
pub struct Slab {
    chunks: Vec<Vec<u16>>,
}

impl Slab {
    /// A new run of `n` zeros (`n` ≤ 65,536); returns its position.
    pub fn alloc(&mut self, n: usize) -> u32 {
        assert!(n <= SLAB, "a run fits in one chunk");
        let fits = self.chunks.last().is_some_and(|c| SLAB - c.len() >= n);
        if !fits {
            self.chunks.push(Vec::with_capacity(SLAB));
        }
        let index = self.chunks.len() - 1;
        let chunk = self.chunks.last_mut().expect("a chunk");
        let start = chunk.len();
        chunk.resize(start + n, 0);
        ((index as u32) << SLAB_BITS) | start as u32
    }

    pub fn get(&self, pos: u32, n: usize) -> &[u16] {
        let start = (pos & (SLAB as u32 - 1)) as usize;
        &self.chunks[(pos >> SLAB_BITS) as usize][start..start + n]
    }

    pub fn get_mut(&mut self, pos: u32, n: usize) -> &mut [u16] {
        let start = (pos & (SLAB as u32 - 1)) as usize;
        &mut self.chunks[(pos >> SLAB_BITS) as usize][start..start + n]
    }

    pub fn bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.capacity() * 2).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arena_keeps_records_and_fields() {
        let mut a = Arena::default();
        let s = a.push(&["QN-01", "Trà hoa vàng", ""]).unwrap();
        let t = a.push(&["QN-02"]).unwrap();
        assert_eq!(a.get(s), "QN-01\u{1f}Trà hoa vàng\u{1f}");
        assert_eq!(a.field(s, 1), "Trà hoa vàng");
        assert_eq!(a.field(s, 2), "");
        assert_eq!(a.field(s, 7), "");
        assert_eq!(a.get(t), "QN-02");
        let big = "x".repeat(CHUNK + 10);
        let b = a.push(&[&big]).unwrap();
        assert_eq!(a.get(b).len(), CHUNK + 10);
        assert_eq!(
            a.get(s),
            "QN-01\u{1f}Trà hoa vàng\u{1f}",
            "earlier records stay put"
        );
        let c = a.push(&["after"]).unwrap();
        assert_eq!(a.get(c), "after");
    }

    #[test]
    fn slab_runs_do_not_move() {
        let mut s = Slab::default();
        let a = s.alloc(17);
        s.get_mut(a, 17)[3] = 5;
        for _ in 0..10_000 {
            s.alloc(17);
        }
        assert_eq!(s.get(a, 17)[3], 5);
    }
}

const ROWS_BITS: u32 = 12;
const ROWS: usize = 1 << ROWS_BITS;

/// A vector in fixed chunks: growing never copies what is stored, and never holds twice the
/// memory it needs (as a doubling `Vec` does while it reallocates).
#[derive(Debug)]
pub struct ChunkVec<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for ChunkVec<T> {
    fn default() -> Self {
        ChunkVec {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> ChunkVec<T> {
    pub fn push(&mut self, v: T) {
        if self.len.is_multiple_of(ROWS) {
            self.chunks.push(Vec::with_capacity(ROWS));
        }
        self.chunks.last_mut().expect("a chunk").push(v);
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }

    pub fn capacity_bytes(&self) -> usize {
        self.chunks.len() * ROWS * size_of::<T>()
    }
}

impl<T> std::ops::Index<usize> for ChunkVec<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.chunks[i >> ROWS_BITS][i & (ROWS - 1)]
    }
}

impl<T> std::ops::IndexMut<usize> for ChunkVec<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i >> ROWS_BITS][i & (ROWS - 1)]
    }
}
