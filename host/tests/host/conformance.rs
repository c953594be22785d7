//! Conformance: every op of `OpKind::ALL` on every backend of the registry,
//! over the seeded case table, compared with the simulator bit for bit (or
//! within NUMERICS.md's bound where an output is bounded). One trial per
//! backend and op, named `conformance::<backend>::<op>`, generated from the
//! two lists.
//!
//! An absent backend prints `SKIPPED <backend>: <reason>` and passes,
//! unless `REQUIRE_BACKENDS` names it, in which case it fails. A mismatch
//! names the case, its seed, its shape and the first differing index.

use host::cases::{Suite, cases};
use host::compare::against_sim;
use host::ops::OpKind;
use host::registry::{BACKENDS, Entry, is_required};
use libtest_mimic::Trial;

/// One trial per backend and op, and one that `REQUIRE_BACKENDS` names
/// only known backends (a typo would make a required backend optional).
pub fn trials() -> Vec<Trial> {
    let known = Trial::test("conformance::require_backends_names_known_backends", || {
        let unknown = host::registry::unknown_required();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "REQUIRE_BACKENDS names unknown backends: {}",
                unknown.join(", ")
            )
            .into())
        }
    });
    std::iter::once(known)
        .chain(BACKENDS.iter().flat_map(|e| {
            OpKind::ALL.into_iter().map(move |kind| {
                Trial::test(format!("conformance::{}::{kind}", e.name), move || {
                    check(e, kind).map_err(Into::into)
                })
            })
        }))
        .collect()
}

fn check(entry: &Entry, kind: OpKind) -> Result<(), String> {
    let backend = entry.name;
    let mut b = match entry.open() {
        Ok(b) => b,
        Err(u) if is_required(backend) => {
            return Err(format!(
                "{backend} is required (REQUIRE_BACKENDS) but unavailable: {}",
                u.reason
            ));
        }
        Err(u) => {
            println!("SKIPPED {backend}: {}", u.reason);
            return Ok(());
        }
    };
    let mut ran = 0;
    let mut unsupported = Vec::new();
    for case in cases(kind, Suite::Default).map_err(|e| e.to_string())? {
        if let Err(why) = b.supports(&case.op) {
            unsupported.push(format!("{} ({why})", case.name));
            continue;
        }
        let verdict = against_sim(b.as_mut(), &case.op, &case.inputs).map_err(|e| {
            format!(
                "{backend} failed on {kind} {} (seed {}): {e}",
                case.name, case.seed
            )
        })?;
        if !verdict.passed() {
            return Err(format!(
                "{backend} differs from sim on {kind} {} (seed {}): {verdict:?}",
                case.name, case.seed
            ));
        }
        ran += 1;
    }
    for u in &unsupported {
        println!("{backend}: {kind} {u}: not supported");
    }
    // A backend may decline a whole op (the FPGA runs no float stage) but
    // must say why for every case; running none of a supported op's cases
    // would make this trial pass vacuously.
    if ran == 0 && unsupported.is_empty() {
        return Err(format!("{backend} ran no case of {kind}"));
    }
    Ok(())
}
