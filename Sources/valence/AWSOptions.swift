import ArgumentParser
import Foundation
import ValenceJobs
import ValenceServer

/// What every aws-style command shares: the global options, `--cli-input-json`,
/// `--generate-cli-skeleton`; and the one way they run: build the request from the model,
/// make the call, print through ``OutputRenderer``.
struct AWSOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("cli-input-json"), help: "The whole request as JSON (or file://path), as with the aws CLI.")
    var cliInputJSON: String?
    @Option(name: .customLong("cli-input-yaml"), help: "The whole request as YAML (or file://path), as with the aws CLI v2.")
    var cliInputYAML: String?
    @Option(name: .customLong("generate-cli-skeleton"), help: "input (default), yaml-input or output: print a sample request or response and exit.")
    var generateCLISkeleton: String?

    /// Runs `operation` on this machine's service or an endpoint's (`--endpoint-url`): `call`
    /// gets the one chosen and the validated body and answers the response (by default the
    /// operation itself).
    func run(_ operation: String, _ arguments: [CLIArgument], paging: PagingOptions? = nil,
             call: ((any ComprehendAPI, JSONValue) throws -> JSONValue)? = nil) throws {
        let configuration = try global.configuration()
        let settings = try global.settings(configuration)
        let model = ServiceModel.comprehend
        let sample = model.skeleton(model.operation(operation).input)
        if generateCLISkeleton == "input" { return print(sample.serialized(.cli)) }
        if generateCLISkeleton == "yaml-input" { return FileHandle.standardOutput.write(Data(YAMLLayout.render(sample).utf8)) }
        if let choice = generateCLISkeleton, choice != "output" {
            throw CLIFailure(ParameterError.usage("argument --generate-cli-skeleton: invalid choice: '\(choice)' (choose from 'input', 'output', 'yaml-input')"), operation: operation)
        }
        let body = try CLIFailure.calling {
            try RequestBuilder(operation: operation).body(arguments, cliInputJSON: cliInputJSON, cliInputYAML: cliInputYAML)
        }
        if global.debug { FileHandle.standardError.write(Data("valence: debug: \(operation) \(body.serialized(.line))\n".utf8)) }
        if generateCLISkeleton == "output" {
            let skeleton = model.skeleton(model.operation(operation).output, memberNames: true)
            return FileHandle.standardOutput.write(Data(try CLIFailure.calling { try OutputRenderer.render(skeleton, operation: operation, settings: settings) }.utf8))
        }
        let api = try CLIFailure.calling { try JobService.api(for: configuration) }
        let perform = { (body: JSONValue) in try call?(api, body) ?? api.perform(operation, body) }
        let text = try CLIFailure.calling(operation) { () throws -> String in
            if let paginator = model.operation(operation).paginator, let paging,
               ListPaginator.paginates(body, paginator: paginator, options: paging) {
                let paged = try ListPaginator.pages(body, paginator: paginator, options: paging, call: perform)
                return try OutputRenderer.render(paged, operation: operation, settings: settings)
            }
            return try OutputRenderer.render(try perform(body), operation: operation, settings: settings)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
