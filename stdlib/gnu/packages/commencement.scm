;;; Packages of (gnu packages commencement), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages commencement)
  #:use-module (gnu packages)
  #:export (gcc-toolchain))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
