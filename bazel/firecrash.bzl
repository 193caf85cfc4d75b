"""firecrash for Bazel: per-source summaries as declared outputs, and a report.

The aspect `firecrash_summaries` runs the firecrash compiler plugin over every
C++ source of the cc_library / cc_binary targets it reaches (along `deps`), in
a -fsyntax-only compile with the target's own toolchain flags, includes and
defines. Each summary is a declared output of a hermetic action (source,
headers, toolchain files and the plugin are its inputs), so Bazel's remote
execution distributes them and its caches (--disk_cache, --remote_cache)
keep them. `firecrash_report` merges them with `firecrash merge` into the
report a whole-project `firecrash` run gives.

Needs a repository named `firecrash` that exports `firecrash` (the tool),
`FirecrashPlugin.so` (the plugin for the clang the C++ toolchain uses) and
`runtime` (a cc_library of the header-only runtime); see docs/scale.md.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "CPP_COMPILE_ACTION_NAME")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

FirecrashSummariesInfo = provider(
    doc = "Summary documents of a target and its dependencies.",
    fields = {
        "summaries": "depset of *.firecrash.json files",
        "sources": "depset of the sources and headers the summaries point into",
    },
)

_CXX_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C"]

def _summaries_impl(target, ctx):
    direct = []
    sources = []
    if CcInfo in target and hasattr(ctx.rule.attr, "srcs"):
        cc_toolchain = find_cpp_toolchain(ctx)
        features = cc_common.configure_features(
            ctx = ctx,
            cc_toolchain = cc_toolchain,
            requested_features = ctx.features,
            unsupported_features = ctx.disabled_features,
        )
        compilation = target[CcInfo].compilation_context
        copts = getattr(ctx.rule.attr, "copts", [])
        variables = cc_common.create_compile_variables(
            feature_configuration = features,
            cc_toolchain = cc_toolchain,
            user_compile_flags = ctx.fragments.cpp.copts + ctx.fragments.cpp.cxxopts + copts,
            include_directories = compilation.includes,
            quote_include_directories = compilation.quote_includes,
            system_include_directories = compilation.system_includes,
            framework_include_directories = compilation.framework_includes,
            preprocessor_defines = depset(transitive = [
                compilation.defines,
                compilation.local_defines,
            ]),
        )
        flags = cc_common.get_memory_inefficient_command_line(
            feature_configuration = features,
            action_name = CPP_COMPILE_ACTION_NAME,
            variables = variables,
        )
        compiler = cc_common.get_tool_for_action(
            feature_configuration = features,
            action_name = CPP_COMPILE_ACTION_NAME,
        )
        plugin = ctx.file._plugin
        for src_target in ctx.rule.attr.srcs:
            for src in src_target.files.to_list():
                if src.extension not in _CXX_EXTENSIONS:
                    continue
                out = ctx.actions.declare_file(
                    "%s.firecrash/%s.firecrash.json" % (ctx.label.name, src.short_path),
                )
                args = ctx.actions.args()
                args.add_all(flags)
                args.add("-fsyntax-only")
                args.add("-fplugin=" + plugin.path)
                args.add("-fplugin-arg-firecrash-summary=" + out.path)
                args.add(src.path)
                ctx.actions.run(
                    executable = compiler,
                    arguments = [args],
                    inputs = depset(
                        [src, plugin],
                        transitive = [compilation.headers, cc_toolchain.all_files],
                    ),
                    outputs = [out],
                    mnemonic = "FirecrashSummary",
                    progress_message = "firecrash: summarizing %s" % src.short_path,
                )
                direct.append(out)
                sources.append(src)
        sources_depsets = [compilation.headers]
    else:
        sources_depsets = []
    transitive = [
        dep[FirecrashSummariesInfo]
        for dep in getattr(ctx.rule.attr, "deps", [])
        if FirecrashSummariesInfo in dep
    ]
    return [FirecrashSummariesInfo(
        summaries = depset(direct, transitive = [t.summaries for t in transitive]),
        sources = depset(sources, transitive = sources_depsets + [t.sources for t in transitive]),
    )]

firecrash_summaries = aspect(
    implementation = _summaries_impl,
    attr_aspects = ["deps"],
    attrs = {
        "_plugin": attr.label(
            default = Label("@firecrash//:FirecrashPlugin.so"),
            allow_single_file = True,
        ),
        "_cc_toolchain": attr.label(
            default = Label("@bazel_tools//tools/cpp:current_cc_toolchain"),
        ),
    },
    fragments = ["cpp"],
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
)

def _report_impl(ctx):
    infos = [dep[FirecrashSummariesInfo] for dep in ctx.attr.deps]
    summaries = depset(transitive = [i.summaries for i in infos])
    sources = depset(transitive = [i.sources for i in infos])
    report = ctx.actions.declare_file("%s.%s" % (ctx.label.name, ctx.attr.format))
    args = ctx.actions.args()
    args.add(ctx.executable._firecrash)
    args.add(report)
    args.add(ctx.attr.format)
    args.add_all(summaries)
    ctx.actions.run_shell(
        # Findings (exit code 1) are the report's content, not a failure.
        command = '"$1" merge --quiet --format "$3" -o "$2" "${@:4}"; ' +
                  "status=$?; [ $status -le 1 ]",
        arguments = [args],
        inputs = depset(transitive = [summaries, sources]),
        tools = [ctx.executable._firecrash],
        outputs = [report],
        mnemonic = "FirecrashMerge",
        progress_message = "firecrash: merging %d summaries" % len(summaries.to_list()),
    )
    return [DefaultInfo(files = depset([report]))]

firecrash_report = rule(
    implementation = _report_impl,
    doc = "The firecrash report (json, sarif, text or html) of `deps` and their dependencies.",
    attrs = {
        "deps": attr.label_list(aspects = [firecrash_summaries]),
        "format": attr.string(default = "json", values = ["json", "sarif", "text", "html"]),
        "_firecrash": attr.label(
            default = Label("@firecrash//:firecrash"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
    },
)
