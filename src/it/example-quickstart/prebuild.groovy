import io.kmsethereum.it.Examples
Examples.copy(examplesDir, 'quickstart', basedir)
return true
