;;; Packages of (gnu packages version-control), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages version-control)
  #:use-module (gnu packages)
  #:export (git
            subversion
            mercurial))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
