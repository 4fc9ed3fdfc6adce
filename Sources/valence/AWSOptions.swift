import ArgumentParser
import Foundation
import ValenceJobs

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

    /// Runs `operation`: `call` gets the service and the validated body and answers the response.
    func run(_ operation: String, _ arguments: [CLIArgument], paging: PagingOptions? = nil,
             call: (JobService, JSONValue) throws -> JSONValue) throws {
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
        let service = try CLIFailure.calling { try JobService(configuration: configuration) }
        let text = try CLIFailure.calling(operation) { () throws -> String in
            if generateCLISkeleton == "output" {
                return try OutputRenderer.render(model.skeleton(model.operation(operation).output, memberNames: true), operation: operation, settings: settings)
            }
            if let paginator = model.operation(operation).paginator, let paging,
               ListPaginator.paginates(body, paginator: paginator, options: paging) {
                let paged = try ListPaginator.pages(body, paginator: paginator, options: paging) { try call(service, $0) }
                return try OutputRenderer.render(paged, operation: operation, settings: settings)
            }
            return try OutputRenderer.render(try call(service, body), operation: operation, settings: settings)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
