import ValenceCore

/// A compiled JMESPath expression: the abstract syntax tree the interpreter walks.
indirect enum JMESPathNode: Sendable {
    enum Comparator: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    /// `@`, and the empty right-hand side of a projection.
    case current
    /// `foo`, `"foo"`
    case field(String)
    /// `left.right`
    case subexpression(JMESPathNode, JMESPathNode)
    /// `[2]`, `[-1]`
    case index(Int)
    /// `[start:stop:step]`
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `left[index]` or `left[slice]`: the right side applied to the left's result.
    case indexExpression(JMESPathNode, JMESPathNode)
    /// `left[*].right`, `left[].right`, `left[1:].right`: `right` over each element of the array.
    case projection(JMESPathNode, JMESPathNode)
    /// `left.*.right`: `right` over each value of the object.
    case valueProjection(JMESPathNode, JMESPathNode)
    /// `left[?condition].right`
    case filterProjection(JMESPathNode, JMESPathNode, condition: JMESPathNode)
    /// The left side with one level of nested arrays merged (`[]` before its projection).
    case flatten(JMESPathNode)
    /// `` `json` ``, `'raw'`
    case literal(JSONValue)
    /// `[a, b]`
    case multiSelectList([JMESPathNode])
    /// `{a: x, b: y}`
    case multiSelectHash([(key: String, value: JMESPathNode)])
    case or(JMESPathNode, JMESPathNode)
    case and(JMESPathNode, JMESPathNode)
    case not(JMESPathNode)
    case comparison(Comparator, JMESPathNode, JMESPathNode)
    /// `left | right`
    case pipe(JMESPathNode, JMESPathNode)
    /// `name(arguments…)`
    case function(String, [JMESPathNode])
    /// `&expression`
    case expressionReference(JMESPathNode)
}
