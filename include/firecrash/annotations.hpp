// firecrash runtime: annotations the firecrash checks read.
//
// Under Clang these expand to [[clang::annotate("firecrash::<kind>")]]; other
// compilers see nothing.
#ifndef FIRECRASH_ANNOTATIONS_HPP
#define FIRECRASH_ANNOTATIONS_HPP

#if defined(__clang__)
/// Marks a coroutine as a request handler.
#define FIRECRASH_REQUEST_HANDLER [[clang::annotate("firecrash::request_handler")]]
/// Marks a coroutine return type as detached (nothing can await it).
#define FIRECRASH_DETACHED [[clang::annotate("firecrash::detached")]]
/// Marks a coroutine return type as an awaitable task.
#define FIRECRASH_TASK [[clang::annotate("firecrash::task")]]
#else
#define FIRECRASH_REQUEST_HANDLER
#define FIRECRASH_DETACHED
#define FIRECRASH_TASK
#endif

#endif // FIRECRASH_ANNOTATIONS_HPP
