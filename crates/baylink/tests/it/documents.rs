//! Uploaded files' words are read in a child process (`baylink read-words`), confined to
//! limits on its memory and time: a file built to swell or to loop ends that process, and
//! the node reads on.

use std::sync::Arc;
use std::time::Duration;

use baylink_documents::child::Limits;
use baylink_web::documents::WordReader;

fn reader(memory_bytes: u64, time: Duration) -> WordReader {
    WordReader {
        program: env!("CARGO_BIN_EXE_baylink").into(),
        limits: Limits {
            memory_bytes,
            cpu_seconds: 120,
        },
        time,
    }
}

/// A PDF of one page that says `words` in Helvetica; after them its content stream holds
/// `unit` `count` times and then `tail`, deflated as copies of the unit (13 bits for each
/// 258 bytes), as a decompression bomb is built: a few kilobytes that inflate to megabytes.
pub fn pdf_saying(words: &str, unit: &[u8], count: u64, tail: &str) -> Vec<u8> {
    let head = format!("BT /F1 24 Tf 72 720 Td ({words}) Tj ET ");
    let stream = zlib_repeating(head.as_bytes(), unit, count, tail.as_bytes());
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
          /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        Vec::new(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut stream_object = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    stream_object.extend_from_slice(&stream);
    stream_object.extend_from_slice(b"\nendstream");
    objects[3] = stream_object;

    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// `head`, `unit` `count` times and `tail` in the zlib format (RFC 1950), as one deflate
/// block with the fixed codes (RFC 1951, 3.2.6): the unit written once, then copies of
/// 258 bytes from `unit.len()` back (1 to 4 bytes, a distance code without extra bits).
fn zlib_repeating(head: &[u8], unit: &[u8], count: u64, tail: &[u8]) -> Vec<u8> {
    assert!((1..=4).contains(&unit.len()) && count > 0);
    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed codes
    let literal = |bits: &mut Bits, byte: u8| match byte {
        0..=143 => bits.code(0x30 + u32::from(byte), 8),
        _ => bits.code(0x190 + u32::from(byte) - 144, 9),
    };
    for &byte in head.iter().chain(unit) {
        literal(&mut bits, byte);
    }
    let mut left = (count - 1) * unit.len() as u64;
    while left >= 258 {
        bits.code(0xC5, 8); // length 258 (symbol 285)
        bits.code(unit.len() as u32 - 1, 5); // distance unit.len()
        left -= 258;
    }
    // What is left of the repetition continues the unit where the copies stopped.
    let done = (count - 1) * unit.len() as u64 - left;
    for i in 0..left {
        literal(&mut bits, unit[((done + i) % unit.len() as u64) as usize]);
    }
    for &byte in tail {
        literal(&mut bits, byte);
    }
    bits.code(0, 7); // end of block
    let mut out = vec![0x78, 0x01];
    out.extend(bits.finish());
    // Adler-32 of all that the stream inflates to.
    const M: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    let repeated = (0..count).flat_map(|_| unit.iter());
    for &byte in head.iter().chain(repeated).chain(tail) {
        a = (a + u32::from(byte)) % M;
        b = (b + a) % M;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// Bits packed from the least significant bit of each byte, as deflate packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    count: u32,
}

impl Bits {
    /// `count` bits of `value`, least significant first (header fields, extra bits).
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.count;
        self.count += count;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code of `len` bits, most significant first.
    fn code(&mut self, code: u32, len: u32) {
        let reversed = code.reverse_bits() >> (32 - len);
        self.put(u64::from(reversed), len);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A page whose stream holds a million numbers before its one operator: 2 MB, from 11 KB
/// of PDF, that the reader parses into more than 200 MB. Read within the default
/// gigabyte; a reader given 256 MiB is ended (its allocation fails, and it aborts), and
/// nothing else is. Had the limit been set after the reader's allocator reserved its
/// arena (a gigabyte), the 256 MiB would not have held.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_swells_ends_its_reader_alone() {
    let numbers: Arc<[u8]> =
        pdf_saying("Baylink reads within limits", b"0 ", 1_000_000, "n").into();
    assert!(numbers.len() < 20_000, "{} bytes", numbers.len());
    let words = reader(Limits::DEFAULT.memory_bytes, Duration::from_secs(120))
        .read("pdf", numbers.clone())
        .await
        .unwrap();
    assert!(words.contains("Baylink reads within limits"), "{words:?}");

    let failed = reader(256 << 20, Duration::from_secs(120))
        .read("pdf", numbers)
        .await
        .unwrap_err();
    assert!(failed.contains("SIGABRT"), "{failed}");
}

/// A reader that takes longer than its time is killed, and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_takes_too_long_is_stopped() {
    let pdf: Arc<[u8]> = pdf_saying("too slow", b" ", 100_000, "").into();
    let failed = reader(1 << 30, Duration::from_millis(1))
        .read("pdf", pdf.clone())
        .await
        .unwrap_err();
    assert!(failed.contains("longer than"), "{failed}");
    // The same file within a reasonable time: read.
    let words = reader(1 << 30, Duration::from_secs(120))
        .read("pdf", pdf)
        .await
        .unwrap();
    assert!(words.contains("too slow"), "{words:?}");
}
