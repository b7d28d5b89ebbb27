//! What the production build checks in the built WebAssembly module itself.

use crate::shell::Result;

/// Checks that the module places no data below address 1024: wasm-opt runs with
/// `--low-memory-unused` (docs/decisions/013-wasm-opt-flags.md), which assumes the first
/// kilobyte of memory is never used. Reads the module's data section.
pub fn low_memory_unused(module: &[u8]) -> Result {
    if module.len() < 8 || !module.starts_with(b"\0asm") {
        return Err("not a WebAssembly module".into());
    }
    let mut bytes = Bytes { module, at: 8 };
    while bytes.at < module.len() {
        let id = bytes.byte()?;
        let size = bytes.unsigned()? as usize;
        let end = (bytes.at.checked_add(size))
            .filter(|&end| end <= module.len())
            .ok_or("a section runs past the end of the module")?;
        if id == DATA_SECTION {
            for _ in 0..bytes.unsigned()? {
                let offset = match bytes.unsigned()? {
                    0 => Some(bytes.offset()?),
                    1 => None,
                    2 => {
                        bytes.unsigned()?;
                        Some(bytes.offset()?)
                    }
                    kind => return Err(format!("unknown data segment kind {kind}")),
                };
                if let Some(offset) = offset.filter(|&o| o < 1024) {
                    return Err(format!(
                        "data placed at address {offset}, but wasm-opt was told the first \
                         1024 bytes of memory are unused (--low-memory-unused): remove that \
                         flag from index.html and bench/floor/index.html"
                    ));
                }
                let len = bytes.unsigned()? as usize;
                bytes.at = (bytes.at.checked_add(len))
                    .filter(|&after| after <= end)
                    .ok_or("a data segment runs past its section")?;
            }
        }
        bytes.at = end;
    }
    Ok(())
}

const DATA_SECTION: u8 = 11;
const I32_CONST: u8 = 0x41;
const END: u8 = 0x0b;

/// A reader of a module's bytes.
struct Bytes<'a> {
    module: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> Result<u8> {
        let byte = *self.module.get(self.at).ok_or("the module ends early")?;
        self.at += 1;
        Ok(byte)
    }

    /// A LEB128 number's bits, how many bits it has and its last byte.
    fn leb(&mut self) -> Result<(u64, u32, u8)> {
        let (mut value, mut bits) = (0u64, 0u32);
        loop {
            let byte = self.byte()?;
            if bits >= 63 {
                return Err("a number in the module is too long".into());
            }
            value |= u64::from(byte & 0x7f) << bits;
            bits += 7;
            if byte & 0x80 == 0 {
                return Ok((value, bits, byte));
            }
        }
    }

    fn unsigned(&mut self) -> Result<u64> {
        Ok(self.leb()?.0)
    }

    /// An active segment's address: `i32.const N end` gives N (signed). Any other expression,
    /// such as a global, is refused: the address cannot be known here.
    fn offset(&mut self) -> Result<i64> {
        let not_constant = || "a data segment's address is not a constant".to_string();
        if self.byte()? != I32_CONST {
            return Err(not_constant());
        }
        let (value, bits, last) = self.leb()?;
        let value = if last & 0x40 != 0 {
            (value as i64).wrapping_sub(1i64.wrapping_shl(bits))
        } else {
            value as i64
        };
        if self.byte()? != END {
            return Err(not_constant());
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::low_memory_unused;

    /// A module with one memory and one active data segment of one byte at `offset`, whose
    /// i32.const is the signed LEB128 bytes given.
    fn module(offset: &[u8]) -> Vec<u8> {
        let mut segment = vec![1, 0, 0x41];
        segment.extend_from_slice(offset);
        segment.extend_from_slice(&[0x0b, 1, b'x']);
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        module.extend_from_slice(&[5, 3, 1, 0, 1]); // memory section: one memory of one page
        module.extend_from_slice(&[11, segment.len() as u8]);
        module.extend_from_slice(&segment);
        module
    }

    #[test]
    fn data_at_1024_or_above_passes() {
        // 1024 and 1 MiB (where Rust places the data), as signed LEB128
        for offset in [&[0x80, 0x08][..], &[0x80, 0x80, 0xc0, 0x00]] {
            assert_eq!(low_memory_unused(&module(offset)), Ok(()));
        }
    }

    #[test]
    fn data_in_the_first_kilobyte_is_refused() {
        // 0, 1023 and -1, as signed LEB128
        for offset in [&[0x00][..], &[0xff, 0x07], &[0x7f]] {
            let refused = low_memory_unused(&module(offset)).unwrap_err();
            assert!(refused.contains("--low-memory-unused"), "{refused}");
        }
    }

    #[test]
    fn a_damaged_module_is_refused_without_panicking() {
        let whole = module(&[0x80, 0x08]);
        // The header (8 bytes) and the memory section (5) make a whole module without data;
        // every other cut leaves a header or a section unfinished.
        for len in (0..whole.len()).filter(|&len| len != 8 && len != 13) {
            assert!(low_memory_unused(&whole[..len]).is_err(), "cut at {len}");
        }
        assert!(low_memory_unused(b"not wasm").is_err());
    }
}
