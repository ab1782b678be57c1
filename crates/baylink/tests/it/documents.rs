//! Uploaded files' words are read in a child process (`baylink read-words`), confined to
//! limits on its memory and time: a file built to swell or to loop ends that process, and
//! the node reads on.

use std::sync::Arc;
use std::time::Duration;

use baylink_documents::child::Limits;
use baylink_web::documents::WordReader;

/// The address space given to a test's reader: room for the debug build of the program
/// and a small PDF, not for a stream inflated to several times as much.
const TEST_MEMORY: u64 = 256 << 20;

fn reader(memory_bytes: u64, time: Duration) -> WordReader {
    WordReader::Child {
        program: env!("CARGO_BIN_EXE_baylink").into(),
        limits: Limits {
            memory_bytes,
            cpu_seconds: 120,
        },
        time,
    }
}

/// A PDF of one page that says `words` in Helvetica, its content stream followed by
/// `blanks` spaces, deflated. Spaces are whitespace to a content stream, so whatever their
/// number, a reader that gets through the stream finds `words`; and they are written as
/// copies of the space before (13 bits for each 258), so a few megabytes inflate to a
/// gigabyte, as in a decompression bomb.
pub fn pdf_saying(words: &str, blanks: u64) -> Vec<u8> {
    let content = format!("BT /F1 24 Tf 72 720 Td ({words}) Tj ET");
    let stream = zlib_with_blanks(content.as_bytes(), blanks);
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

/// `prefix` and then `blanks` spaces in the zlib format (RFC 1950), as one deflate block
/// with the fixed codes (RFC 1951, 3.2.6).
fn zlib_with_blanks(prefix: &[u8], blanks: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed codes
    let literal = |bits: &mut Bits, byte: u8| match byte {
        0..=143 => bits.code(0x30 + u32::from(byte), 8),
        _ => bits.code(0x190 + u32::from(byte) - 144, 9),
    };
    for &byte in prefix {
        literal(&mut bits, byte);
    }
    let mut left = blanks;
    if left > 0 {
        literal(&mut bits, b' ');
        left -= 1;
    }
    while left >= 258 {
        bits.code(0xC5, 8); // length 258 (symbol 285)
        bits.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        literal(&mut bits, b' ');
    }
    bits.code(0, 7); // end of block
    let mut out = vec![0x78, 0x01];
    out.extend(bits.finish());
    // Adler-32 of the prefix, then of the spaces in closed form.
    const M: u128 = 65521;
    let (mut a, mut b) = (1u128, 0u128);
    for &byte in prefix {
        a = (a + u128::from(byte)) % M;
        b = (b + a) % M;
    }
    let (n, c) = (u128::from(blanks), u128::from(b' '));
    b = (b + n * a + c * (n * (n + 1) / 2)) % M;
    a = (a + n * c) % M;
    out.extend_from_slice(&(((b << 16) | a) as u32).to_be_bytes());
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

/// A PDF whose one stream inflates to four times the reader's memory ends the reader
/// (its allocation fails, and it aborts), and nothing else: the same PDF with fewer
/// blanks is read, so it is the limit that stopped it, not the file's form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_swells_ends_its_reader_alone() {
    let reader = reader(TEST_MEMORY, Duration::from_secs(120));
    let small = pdf_saying("Baylink reads within limits", 100_000);
    let words = reader.read("pdf", small.into()).await.unwrap();
    assert!(words.contains("Baylink reads within limits"), "{words:?}");

    let bomb = pdf_saying("Baylink reads within limits", 4 * TEST_MEMORY);
    assert!(
        bomb.len() < 20 << 20,
        "{} bytes: an upload's size",
        bomb.len()
    );
    let failed = reader.read("pdf", bomb.into()).await.unwrap_err();
    assert!(failed.contains("SIGABRT"), "{failed}");
}

/// A reader that takes longer than its time is killed, and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_takes_too_long_is_stopped() {
    let slow = reader(1 << 30, Duration::from_millis(1));
    let pdf: Arc<[u8]> = pdf_saying("too slow", 100_000).into();
    let failed = slow.read("pdf", pdf.clone()).await.unwrap_err();
    assert!(failed.contains("longer than"), "{failed}");
    // The same file within a reasonable time: read.
    let words = reader(1 << 30, Duration::from_secs(120))
        .read("pdf", pdf)
        .await
        .unwrap();
    assert!(words.contains("too slow"), "{words:?}");
}
