//! How finely the index builder cuts its parallel loops. Rayon runs a piece of a loop that no idle
//! thread took as one whole, so a loop left in a few big pieces can end with one thread working
//! alone while the other waits: loops over costly items take them one at a time
//! (`with_max_len(1)`), loops over many cheap ones pieces of at most [`most`].

/// The most items one piece of a parallel loop over `len` cheap items should hold: sixteen
/// pieces per thread, so the last piece to finish is short.
pub fn most(len: usize) -> usize {
    len.div_ceil(rayon::current_num_threads() * 16).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_a_sixteenth_of_a_threads_share_and_never_empty() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build();
        let pool = pool.expect("a thread pool");
        assert_eq!(pool.install(|| most(3200)), 100);
        assert_eq!(pool.install(|| most(3201)), 101);
        assert_eq!(pool.install(|| most(5)), 1);
        assert_eq!(pool.install(|| most(0)), 1);
    }
}
