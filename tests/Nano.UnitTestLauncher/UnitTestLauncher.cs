using System;
using System.Reflection;
using Nano.DeviceRuntime;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Runs every [TestClass] of the NFUnitTest assembly, or only the class named by the host's
    /// --arg (simple or full name). Per class: its [Setup] methods, its [TestMethod]s, its
    /// [DataRow] methods once per row, its [Cleanup] methods; all invoked with a null target.
    /// Prints "Test passed,Type.Method,ticks", "Test failed,Type.Method,message" or
    /// "Test skipped,Type.Method,message" per test and ends with "N passed, N failed, N skipped".
    /// The exit code is 0 only when tests ran and none failed (and the run got to its end).
    /// </summary>
    public static class UnitTestLauncher
    {
        static int s_passed;
        static int s_failed;
        static int s_skipped;

        public static void Main()
        {
            // Until the summary is printed: a launcher that dies on the way must not look like a pass.
            InterpreterHost.SetExitCode(1);
            string only = InterpreterHost.Argument();
            int classes = 0;
            Type[] types = Assembly.Load("NFUnitTest").GetTypes();
            for (int i = 0; i < types.Length; i++)
            {
                Type type = types[i];
                if (type.IsClass && Has(type.GetCustomAttributes(true), typeof(TestClassAttribute))
                    && (only == null || type.Name == only || type.FullName == only))
                {
                    classes++;
                    RunClass(type);
                }
            }

            if (classes == 0)
            {
                Console.WriteLine(only == null ? "no [TestClass] in NFUnitTest" : "no [TestClass] named " + only + " in NFUnitTest");
            }

            Console.WriteLine(s_passed + " passed, " + s_failed + " failed, " + s_skipped + " skipped");
            InterpreterHost.SetExitCode(classes > 0 && s_failed == 0 ? 0 : 1);
        }

        static void RunClass(Type type)
        {
            MethodInfo[] methods = type.GetMethods();
            if (!RunAll(methods, typeof(SetupAttribute)))
            {
                return;
            }

            RunAll(methods, typeof(TestMethodAttribute));
            RunAll(methods, typeof(DataRowAttribute));
            RunAll(methods, typeof(CleanupAttribute));
        }

        /// <summary>Runs the methods marked with <paramref name="kind"/>; false when one of them did not pass.</summary>
        static bool RunAll(MethodInfo[] methods, Type kind)
        {
            bool allPassed = true;
            for (int m = 0; m < methods.Length; m++)
            {
                MethodInfo method = methods[m];
                object[] attributes = method.GetCustomAttributes(true);
                if (kind == typeof(TestMethodAttribute) && Has(attributes, typeof(DataRowAttribute)))
                {
                    continue;
                }

                string name = method.DeclaringType.FullName + "." + method.Name;
                int row = 0;
                for (int a = 0; a < attributes.Length; a++)
                {
                    if (attributes[a].GetType() != kind)
                    {
                        continue;
                    }

                    if (kind == typeof(DataRowAttribute))
                    {
                        allPassed &= Run(method, name + "." + row, ((DataRowAttribute)attributes[a]).MethodParameters);
                        row++;
                    }
                    else
                    {
                        allPassed &= Run(method, name, null);
                    }
                }
            }

            return allPassed;
        }

        static bool Run(MethodInfo method, string name, object[] arguments)
        {
            long started = DateTime.UtcNow.Ticks;
            try
            {
                method.Invoke(null, arguments);
            }
            catch (SkipTestException skip)
            {
                s_skipped++;
                Console.WriteLine("Test skipped," + name + "," + skip.Message);
                return false;
            }
            catch (Exception ex)
            {
                s_failed++;
                Console.WriteLine("Test failed," + name + "," + Describe(ex));
                return false;
            }

            s_passed++;
            Console.WriteLine("Test passed," + name + "," + (DateTime.UtcNow.Ticks - started));
            return true;
        }

        static string Describe(Exception ex)
        {
            return ex is AssertFailedException ? ex.Message : ex.GetType().FullName + ": " + ex.Message;
        }

        static bool Has(object[] attributes, Type kind)
        {
            for (int i = 0; i < attributes.Length; i++)
            {
                if (attributes[i].GetType() == kind)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
