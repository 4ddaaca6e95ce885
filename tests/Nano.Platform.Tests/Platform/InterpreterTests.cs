using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano.Testing;

namespace Nano.Tests.Platform
{
    /// <summary>
    /// The device suite runs on the real nanoFramework interpreter (tools/nanoclr): these tests run
    /// the NFUnitTest fixtures of InterpreterFixture/ there and check what the launcher reports.
    /// They are inconclusive, with the reason, when the interpreter toolchain has not been built.
    /// </summary>
    [TestClass]
    public class InterpreterTests
    {
        static readonly Lazy<Run> MainFixture = new Lazy<Run>(() => DeviceTests("--tests", Fixture("Main")));

        [TestMethod]
        public void A_failing_assertion_and_a_throwing_test_are_reported_and_the_exit_code_is_nonzero()
        {
            var run = Ran(MainFixture.Value);
            Assert.AreEqual(1, run.Code, run.Output);
            CollectionAssert.Contains(run.Lines, "Test failed,Nano.InterpreterFixture.FixtureTests.Deliberately_failing_assertion,Assert.AreEqual failed. Expected:<5>. Actual:<4>. deliberate failure", run.Output);
            CollectionAssert.Contains(run.Lines, "Test failed,Nano.InterpreterFixture.FixtureTests.Test_that_throws,System.InvalidOperationException: thrown by the test", run.Output);
            Assert.IsTrue(run.Lines.Any(l => l.StartsWith("Test passed,Nano.InterpreterFixture.FixtureTests.Passing_assertion,")), run.Output);
            Assert.IsTrue(run.Lines.Any(l => l.StartsWith("Test passed,Nano.InterpreterFixture.FixtureTests.Data_rows.1,")), run.Output);
            Assert.IsTrue(run.Lines.Any(l => l.StartsWith("Test passed,Nano.InterpreterFixture.SecondFixture.Passing_in_the_second_class,")), run.Output);
            Assert.AreEqual("5 passed, 2 failed, 0 skipped", run.Lines.Last(), run.Output);
        }

        [TestMethod]
        public void Heap_probe_counts_an_allocation_with_32_bit_object_sizes()
        {
            var run = Ran(MainFixture.Value);
            Assert.IsTrue(run.Lines.Any(l => l.StartsWith("Test passed,Nano.InterpreterFixture.FixtureTests.Heap_reading_grows_by_an_allocation,")), run.Output);
            // nanoCLR on 32 bits: a 12-byte block header, and 1,000 bytes rounded up to 12-byte blocks.
            CollectionAssert.Contains(run.Lines, "allocation of byte[1000]: 1020 bytes", run.Output);
        }

        [TestMethod]
        public void A_test_using_a_generic_type_fails_on_the_interpreter()
        {
            var run = Ran(DeviceTests("--tests", Fixture("Generic")));
            Assert.AreNotEqual(0, run.Code, run.Output);
            Assert.IsFalse(run.Lines.Any(l => l.StartsWith("Test passed,")), run.Output);
        }

        [TestMethod]
        public void Filter_runs_only_the_named_class()
        {
            var run = Ran(DeviceTests("--tests", Fixture("Main"), "--filter", "SecondFixture"));
            Assert.AreEqual(0, run.Code, run.Output);
            Assert.AreEqual("1 passed, 0 failed, 0 skipped", run.Lines.Last(), run.Output);
        }

        sealed record Run(int Code, string Output, string[] Lines, string Unavailable);

        static string Fixture(string name) => NanoRoot.Combine("tests", "Nano.Platform.Tests", "InterpreterFixture", name);

        static Run Ran(Run run)
        {
            if (run.Unavailable != null)
            {
                Assert.Inconclusive("device suite skipped: " + run.Unavailable);
            }
            return run;
        }

        static Run DeviceTests(params string[] args)
        {
            var status = Bash("tools/nanoclr/toolchain-status.sh");
            if (status.Code != 0)
            {
                return new Run(status.Code, status.Output, Array.Empty<string>(), status.Output.Trim());
            }
            return Bash(new[] { "tools/nanoclr/device-tests.sh" }.Concat(args).ToArray());
        }

        static Run Bash(params string[] args)
        {
            var psi = new ProcessStartInfo("bash", args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = NanoRoot.Path,
            };
            foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                psi.Environment.Remove(key);
            }
            using var p = Process.Start(psi);
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            var output = stdout + stderr.Result;
            return new Run(p.ExitCode, output, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), null);
        }
    }
}
