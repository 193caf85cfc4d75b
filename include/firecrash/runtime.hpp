// firecrash runtime: everything, in one include.
//
//   firecrash::task<T>          lazy, awaitable coroutine result
//   firecrash::fire_and_forget  detached coroutine result
//   firecrash::request_scope    outstanding operations of one request
//   firecrash::sync_wait        drive an awaitable from main() or a test
//   FIRECRASH_REQUEST_HANDLER, FIRECRASH_DETACHED, FIRECRASH_TASK
//
// Header-only C++20, standard library only. See docs/runtime.md.
#ifndef FIRECRASH_RUNTIME_HPP
#define FIRECRASH_RUNTIME_HPP

#include "annotations.hpp"
#include "fire_and_forget.hpp"
#include "request_scope.hpp"
#include "sync_wait.hpp"
#include "task.hpp"

#endif // FIRECRASH_RUNTIME_HPP
