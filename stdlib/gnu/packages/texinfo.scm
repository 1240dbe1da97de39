;;; Packages of (gnu packages texinfo), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages texinfo)
  #:use-module (gnu packages)
  #:export (info-reader
            texinfo))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
