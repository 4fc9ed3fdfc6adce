import Foundation

// `valence-fuzz TARGET ARGUMENTS...`
//
// Built with `-sanitize=fuzzer -D FUZZING` (tools/fuzz.sh), it is a libFuzzer binary: the
// arguments after TARGET go to libFuzzer's driver (corpus directories, -max_total_time=…), which
// calls the target with each input. In an ordinary build it is a replayer: every file (or every
// file of every directory) named runs through the target once — the tests replay the seed corpora
// in Fuzz/Corpus this way.

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) private var selected = FuzzTarget.reader
#endif

@main
struct Entry {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count > 2, let target = FuzzTarget(rawValue: arguments[1]) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: valence-fuzz \(names) FILE-OR-DIRECTORY...\n".utf8))
            exit(2)
        }
        #if FUZZING
        selected = target
        // Lazily made globals (the service model, packs, ICU's data) are made here, before the
        // driver counts allocations: made inside the first input, LeakSanitizer reports them.
        target.run([])
        // libFuzzer sees the program name and everything after the target's name.
        var cArguments: [UnsafeMutablePointer<CChar>?] = ([arguments[0]] + arguments.dropFirst(2)).map { strdup($0) } + [nil]
        var count = Int32(cArguments.count - 1)
        let status = cArguments.withUnsafeMutableBufferPointer { buffer in
            var base = buffer.baseAddress
            return LLVMFuzzerRunDriver(&count, &base) { data, size in
                selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                return 0
            }
        }
        exit(status)
        #else
        replay(target, paths: Array(arguments.dropFirst(2)))
        #endif
    }

    static func replay(_ target: FuzzTarget, paths: [String]) {
        var count = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("valence-fuzz: no such file: \(path)\n".utf8))
                exit(1)
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target.run(Array(data))
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs, no crash")
    }
}
