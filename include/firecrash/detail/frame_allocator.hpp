// firecrash runtime: a per-thread recycling allocator for coroutine frames.
//
// What an awaited task costs is mostly the allocation of its frame. Frames
// of the same size class are kept on a small per-thread free list and reused,
// as Asio's awaitable does; a frame freed on another thread goes to that
// thread's list. Under AddressSanitizer frames go straight to operator new
// and delete, so use-after-free of a frame is still caught.
#ifndef FIRECRASH_DETAIL_FRAME_ALLOCATOR_HPP
#define FIRECRASH_DETAIL_FRAME_ALLOCATOR_HPP

#include <cstddef>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define FIRECRASH_FRAME_RECYCLING 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FIRECRASH_FRAME_RECYCLING 0
#endif
#endif
#ifndef FIRECRASH_FRAME_RECYCLING
#define FIRECRASH_FRAME_RECYCLING 1
#endif

namespace firecrash::detail {

class frame_allocator {
public:
  static void *allocate(std::size_t size) {
#if FIRECRASH_FRAME_RECYCLING
    if (std::size_t bucket = bucket_of(size); bucket < buckets) {
      cache &c = local();
      if (node *free = c.heads[bucket]) {
        c.heads[bucket] = free->next;
        --c.counts[bucket];
        return free;
      }
      return ::operator new((bucket + 1) * granule);
    }
#endif
    return ::operator new(size);
  }

  static void deallocate(void *pointer, std::size_t size) noexcept {
#if FIRECRASH_FRAME_RECYCLING
    if (std::size_t bucket = bucket_of(size); bucket < buckets) {
      cache &c = local();
      if (c.counts[bucket] < per_bucket) {
        register_cleanup(c);
        c.heads[bucket] = new (pointer) node{c.heads[bucket]};
        ++c.counts[bucket];
        return;
      }
      ::operator delete(pointer, (bucket + 1) * granule);
      return;
    }
#endif
    ::operator delete(pointer, size);
  }

private:
  static constexpr std::size_t granule = 64;
  static constexpr std::size_t buckets = 16; // frames up to 1 KiB
  static constexpr unsigned per_bucket = 64;

  struct node {
    node *next;
  };
  // Trivially destructible, so reaching it is a plain thread-local access;
  // the first frame cached on a thread registers the cleanup below.
  struct cache {
    node *heads[buckets];
    unsigned counts[buckets];
    bool registered;
  };
  struct cleanup {
    ~cleanup() {
      cache &c = local();
      for (std::size_t b = 0; b < buckets; ++b)
        while (node *n = c.heads[b]) {
          c.heads[b] = n->next;
          ::operator delete(n, (b + 1) * granule);
        }
    }
  };

  static std::size_t bucket_of(std::size_t size) noexcept {
    return size == 0 ? 0 : (size - 1) / granule;
  }
  static cache &local() noexcept {
    static thread_local cache c{};
    return c;
  }
  static void register_cleanup(cache &c) {
    if (c.registered)
      return;
    c.registered = true;
    static thread_local cleanup on_exit;
    (void)on_exit;
  }
};

} // namespace firecrash::detail

#endif // FIRECRASH_DETAIL_FRAME_ALLOCATOR_HPP
