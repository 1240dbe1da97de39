;;; Packages of (gnu packages mail), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages mail)
  #:use-module (gnu packages)
  #:export (mutt
            notmuch))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
