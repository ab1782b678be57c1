//! Ticket verifications per second on one core, with the reference in the same run: a bare
//! `ed25519_dalek` verification of the same payload, which is the floor any ticket check
//! sits on. Run: `cargo bench -p baylink-tickets`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};

fn rate(label: &str, mut f: impl FnMut(usize) -> bool) -> f64 {
    // Warm up, then run for two seconds.
    for i in 0..2_000 {
        assert!(f(i));
    }
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < Duration::from_secs(2) {
        for _ in 0..1_000 {
            assert!(black_box(f(n)));
            n += 1;
        }
    }
    let per_second = n as f64 / start.elapsed().as_secs_f64();
    println!("{label:<46} {per_second:>12.0} /s");
    per_second
}

fn main() {
    let secret = baylink_tickets::generate_key();
    let public = baylink_tickets::public_key(&secret).unwrap();
    let tickets: Vec<String> = (0..1_000)
        .map(|i| baylink_tickets::issue(&secret, 7, i).unwrap())
        .collect();
    println!(
        "one thread; {} tickets of 98 characters, verified in turn",
        tickets.len()
    );
    let door = baylink_tickets::DoorKey::parse(&public).unwrap();
    let ours = rate("DoorKey::verify (Base64 decode + check + ids)", |i| {
        door.verify(7, &tickets[i % tickets.len()]).is_ok()
    });
    rate("baylink_tickets::verify (also parses the key)", |i| {
        baylink_tickets::verify(&public, 7, &tickets[i % tickets.len()]).is_ok()
    });
    let key =
        VerifyingKey::from_bytes(&URL_SAFE_NO_PAD.decode(&public).unwrap().try_into().unwrap())
            .unwrap();
    let raw: Vec<Vec<u8>> = tickets
        .iter()
        .map(|t| URL_SAFE_NO_PAD.decode(t).unwrap())
        .collect();
    let floor = rate("reference: ed25519_dalek verify of the bytes", |i| {
        let b = &raw[i % raw.len()];
        key.verify(&b[..9], &Signature::from_slice(&b[9..]).unwrap())
            .is_ok()
    });
    println!("ratio to the reference: {:.2}", ours / floor);
    let issue = rate("baylink_tickets::issue", |i| {
        baylink_tickets::issue(&secret, 7, i as i64 % 100_000).is_ok()
    });
    let _ = issue;
}
