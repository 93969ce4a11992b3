//! Readers for the index's encodings, the mirror of the builder's writers: LEB128 varints and
//! strings, and the most-significant-bit-first stream of gamma and Rice codes. Every read checks
//! the bounds, so a damaged file is an [`IndexError`] naming it, never a panic.

use std::fmt;

/// A file of the index that cannot be read: which one and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError {
    /// The file's path under the site root (`search/t-….bin`), or `search/` for the index as a whole.
    pub file: String,
    /// What is wrong, e.g. `ends early at byte 12`.
    pub problem: String,
}

impl IndexError {
    /// A problem with `file`.
    pub fn new(file: &str, problem: impl Into<String>) -> Self {
        IndexError {
            file: file.to_string(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "search index {}: {}", self.file, self.problem)
    }
}

impl std::error::Error for IndexError {}

/// Reads bytes, varints and strings from one file.
pub struct Bytes<'a> {
    file: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    pub pos: usize,
}

impl<'a> Bytes<'a> {
    /// A reader at the start of `bytes`, the contents of `file`.
    pub fn new(file: &'a str, bytes: &'a [u8]) -> Self {
        Bytes {
            file,
            bytes,
            pos: 0,
        }
    }

    fn short(&self) -> IndexError {
        IndexError::new(self.file, format!("ends early at byte {}", self.pos))
    }

    /// One byte.
    pub fn u8(&mut self) -> Result<u8, IndexError> {
        let byte = *self.bytes.get(self.pos).ok_or_else(|| self.short())?;
        self.pos += 1;
        Ok(byte)
    }

    /// An unsigned LEB128 varint.
    pub fn varint(&mut self) -> Result<u64, IndexError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(IndexError::new(
            self.file,
            format!("a number at byte {} is too long", self.pos),
        ))
    }

    /// A varint that counts or measures something in memory.
    pub fn size(&mut self) -> Result<usize, IndexError> {
        let v = self.varint()?;
        usize::try_from(v).map_err(|_| IndexError::new(self.file, format!("{v} is too large")))
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| self.short())?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    /// A string: a varint byte length and UTF-8 (invalid bytes read as U+FFFD, as the client's decoder does).
    pub fn string(&mut self) -> Result<String, IndexError> {
        let n = self.size()?;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }

    /// Checks the four magic bytes that open the file.
    pub fn magic(&mut self, magic: &[u8; 4]) -> Result<(), IndexError> {
        let found = self.take(4).map_err(|_| self.wrong(magic))?;
        if found == magic {
            Ok(())
        } else {
            Err(self.wrong(magic))
        }
    }

    fn wrong(&self, magic: &[u8; 4]) -> IndexError {
        let head = &self.bytes[..self.bytes.len().min(4)];
        IndexError::new(
            self.file,
            format!(
                "expected a file starting with {:?}, found {:?}",
                String::from_utf8_lossy(magic),
                String::from_utf8_lossy(head)
            ),
        )
    }

    /// Everything not read yet.
    pub fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos.min(self.bytes.len())..]
    }
}

/// Reads bits, most significant first.
pub struct Bits<'a> {
    file: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Bits<'a> {
    /// A bit reader at the start of `bytes`, part of `file`.
    pub fn new(file: &'a str, bytes: &'a [u8]) -> Self {
        Bits {
            file,
            bytes,
            pos: 0,
        }
    }

    /// One bit.
    pub fn bit(&mut self) -> Result<u64, IndexError> {
        let byte = self
            .bytes
            .get(self.pos / 8)
            .ok_or_else(|| IndexError::new(self.file, "a bit stream ends early".to_string()))?;
        let bit = (byte >> (7 - self.pos % 8)) & 1;
        self.pos += 1;
        Ok(u64::from(bit))
    }

    /// `n` bits (n ≤ 32) as a number, the first one highest.
    pub fn bits(&mut self, n: u32) -> Result<u64, IndexError> {
        let mut value = 0;
        for _ in 0..n {
            value = value << 1 | self.bit()?;
        }
        Ok(value)
    }

    /// An Elias gamma code (a value ≥ 1).
    pub fn gamma(&mut self) -> Result<u64, IndexError> {
        let mut zeros = 0;
        while self.bit()? == 0 {
            zeros += 1;
            if zeros > 63 {
                return Err(IndexError::new(self.file, "a gamma code is too long"));
            }
        }
        let mut value = 1;
        for _ in 0..zeros {
            value = value << 1 | self.bit()?;
        }
        Ok(value)
    }

    /// A Rice code with parameter `k`.
    pub fn rice(&mut self, k: u32) -> Result<u64, IndexError> {
        let mut q = 0u64;
        while self.bit()? == 1 {
            q += 1;
        }
        Ok((q << k) + self.bits(k)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::bits::{self, BitWriter};

    #[test]
    fn what_the_writers_write_reads_back() {
        let mut out = b"dbX1".to_vec();
        bits::varint(&mut out, 300);
        bits::string(&mut out, "blåbær");
        let mut w = BitWriter::new();
        w.gamma(5);
        w.rice(37, 3);
        w.bits(9, 4);
        out.extend(w.finish());

        let mut r = Bytes::new("search/x", &out);
        r.magic(b"dbX1").expect("magic");
        assert_eq!(r.varint(), Ok(300));
        assert_eq!(r.string().as_deref(), Ok("blåbær"));
        let mut b = Bits::new("search/x", r.rest());
        assert_eq!(b.gamma(), Ok(5));
        assert_eq!(b.rice(3), Ok(37));
        assert_eq!(b.bits(4), Ok(9));
    }

    #[test]
    fn damaged_files_are_errors_that_name_them() {
        let mut r = Bytes::new("search/t-1.bin", &[0x80, 0x80]);
        let err = r.varint().expect_err("cut short");
        assert_eq!(
            err.to_string(),
            "search index search/t-1.bin: ends early at byte 2"
        );
        let err = Bytes::new("search/m.bin", b"dbT1")
            .magic(b"dbM1")
            .expect_err("wrong kind");
        assert!(err.problem.contains("\"dbM1\""), "{err}");
        let mut b = Bits::new("search/t-1.bin", &[0]);
        assert!(b.gamma().is_err(), "eight zero bits and no end");
        let mut r = Bytes::new("f", &[5, b'a']);
        assert!(r.string().is_err());
    }
}
