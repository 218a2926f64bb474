// Example services for `gotune measure`: each reproduces one classic
// bottleneck, with a -fixed flag for its optimised twin. Standard library only.
module gotune.dev/examples

go 1.22
