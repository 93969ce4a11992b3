//! The `debrief` binary: parse the command line, run it, report, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc in place of the system allocator: building a site allocates and frees millions of
/// small strings and values from several threads at once, which it does in about half the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// No transparent huge pages for this process: each first touch of fresh memory then zeroes 4 KiB
/// instead of 2 MiB, of which a build uses only part, so a 10,000-incident build peaks about 20–40
/// MB lower and the kernel no longer compacts memory to find huge pages. Set through the kernel
/// rather than an allocator option, so it holds whatever allocator version is linked.
#[cfg(target_os = "linux")]
fn without_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and touches no memory of ours. A
    // kernel without it returns an error, which leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    #[cfg(target_os = "linux")]
    without_huge_pages();
    let cli = debrief::cli::Cli::parse();
    match debrief::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
