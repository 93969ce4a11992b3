//! The `debrief` binary: parse the command line, run it, report, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc in place of the system allocator: building a site allocates and frees millions of
/// small strings and values from several threads at once, which it does in about half the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's settings for a build, each only where the environment does not set it
/// (`MIMALLOC_ALLOW_THP=1` still turns transparent huge pages back on). Run before `main`, while
/// the program's first allocations are still to come: the memory they take from the system is
/// set up by then.
///
/// No transparent huge pages: each first touch of fresh memory then zeroes 4 KiB instead of 2 MiB,
/// of which a build uses only part, so a 10,000-incident build peaks about 40 MB lower and spends
/// less system time faulting memory in.
#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    use std::ffi::{c_int, c_long};
    // mimalloc's own (`mi_option_t` and its setter), linked in with the allocator.
    unsafe extern "C" {
        fn mi_option_set_default(option: c_int, value: c_long);
    }
    /// `mi_option_allow_thp` in the mimalloc that the `mimalloc` crate builds (v3).
    const ALLOW_THP: c_int = 43;
    // SAFETY: sets one option of a valid number; mimalloc reads its options from any thread.
    unsafe { mi_option_set_default(ALLOW_THP, 0) };
}

/// Runs [`tune_allocator`] as the program is loaded, before the Rust runtime allocates anything.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

fn main() -> ExitCode {
    let cli = debrief::cli::Cli::parse();
    match debrief::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
