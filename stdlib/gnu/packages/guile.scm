;;; Packages of (gnu packages guile), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages guile)
  #:use-module (gnu packages)
  #:export (guile-3.0
            guile-readline
            guile-colorized))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
