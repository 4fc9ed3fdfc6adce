import ValenceJobs
import ValenceTestSupport

extension TemporaryDirectory {
    /// The object store rooted at `path/relative` (default: `path/s3`).
    func store(_ relative: String = "s3") -> ObjectStore {
        ObjectStore(root: path(relative))
    }
}
